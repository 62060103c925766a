-- Fonder 0001 (PostgreSQL): one row per Telegram user who has talked to the bot in private.
-- Telegram ids need 64 bits (BIGINT); SQLite's INTEGER is already 64-bit.
CREATE TABLE users (
    user_id       BIGINT  PRIMARY KEY,
    chat_id       BIGINT  NOT NULL,
    first_seen    TEXT    NOT NULL,
    last_seen     TEXT    NOT NULL,
    language_code TEXT,
    time_zone     TEXT,
    settings      TEXT    NOT NULL DEFAULT '{}',
    active        INTEGER NOT NULL DEFAULT 1
);
