-- Fonder 0003 (PostgreSQL): daily practice prompts, what each user has been given, breaks,
-- nudges.
CREATE TABLE daily (
    user_id         BIGINT  PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
    at_minute       INTEGER NOT NULL,           -- local minutes after midnight
    enabled         INTEGER NOT NULL DEFAULT 1,
    claimed_date    TEXT,                       -- local date a prompt was decided for
    claimed_prompt  TEXT,
    delivered_date  TEXT,                       -- local date the send was confirmed
    awaiting_answer INTEGER NOT NULL DEFAULT 0, -- the next text is a practice answer
    streak          INTEGER NOT NULL DEFAULT 0,
    answered_date   TEXT                        -- local date of the last practice answer
);
CREATE INDEX daily_enabled ON daily(enabled);

CREATE TABLE given (
    user_id  BIGINT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    kind     TEXT   NOT NULL,   -- opener | prompt
    item_id  TEXT   NOT NULL,
    given_at TEXT   NOT NULL,
    PRIMARY KEY (user_id, kind, item_id)
);

CREATE TABLE breaks (
    user_id    BIGINT PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
    started_at TEXT   NOT NULL,
    ends_at    TEXT   NOT NULL
);
CREATE INDEX breaks_ends ON breaks(ends_at);

CREATE TABLE nudges (
    user_id            BIGINT PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
    break_suggested_on TEXT
);
