-- Fonder 0009: when the operators were last told of each kind of error, so N processes tell
-- them once an hour between them (it was a dict in one process's memory). The kind is the
-- error's type and a line of Fonder's own code: nothing a user wrote.
CREATE TABLE operator_alerts (
    kind       TEXT PRIMARY KEY,
    alerted_at TEXT NOT NULL
);
