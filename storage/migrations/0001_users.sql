-- Fonder 0001: one row per Telegram user who has talked to the bot in private.
CREATE TABLE users (
    user_id       INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL,
    first_seen    TEXT    NOT NULL,
    last_seen     TEXT    NOT NULL,
    language_code TEXT,
    time_zone     TEXT,
    settings      TEXT    NOT NULL DEFAULT '{}',
    active        INTEGER NOT NULL DEFAULT 1
);
