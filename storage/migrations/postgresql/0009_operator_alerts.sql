-- Fonder 0009 (PostgreSQL): when the operators were last told of each kind of error, so N
-- processes tell them once an hour between them. The kind is the error's type and a line of
-- Fonder's own code: nothing a user wrote.
CREATE TABLE operator_alerts (
    kind       TEXT PRIMARY KEY,
    alerted_at TEXT NOT NULL
);
