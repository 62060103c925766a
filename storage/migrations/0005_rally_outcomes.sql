-- Fonder 0005: rally practice, break history (a break pauses the streak), sent-in-hours.

-- One running rally per user. Her best return's words are kept only while the rally runs, to
-- quote in the scorecard; the row is deleted when the rally ends.
CREATE TABLE rallies (
    user_id    INTEGER PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
    seed       INTEGER NOT NULL,
    max_turns  INTEGER NOT NULL,
    origin     TEXT    NOT NULL,             -- command | daily
    started_at TEXT    NOT NULL,
    his_line   TEXT    NOT NULL,             -- id of the line of his she is answering
    used       TEXT    NOT NULL DEFAULT '',  -- ids of his lines used so far
    turns      TEXT    NOT NULL DEFAULT '[]',-- JSON: stars and what was missed, per turn
    best_text  TEXT
);

CREATE TABLE break_log (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    started_at TEXT    NOT NULL,
    ends_at    TEXT    NOT NULL
);
CREATE INDEX break_log_by_user ON break_log(user_id, ends_at);

-- 1 or 0 when sent while she had his open hours set; NULL when she hadn't.
ALTER TABLE drafts ADD COLUMN in_hours INTEGER;

-- When the daily schedule was last set: a prompt due before then was never missed.
ALTER TABLE daily ADD COLUMN scheduled_at TEXT;
