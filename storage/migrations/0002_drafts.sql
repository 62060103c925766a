-- Fonder 0002: critiqued drafts (outcome only, text only if the user opts in) and his replies.
CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    adds_value  INTEGER NOT NULL,
    score       INTEGER NOT NULL,
    flags       TEXT    NOT NULL DEFAULT '',
    words       INTEGER NOT NULL,
    chars       INTEGER NOT NULL,
    text        TEXT,
    sent_at     TEXT,
    outcome     TEXT
);
CREATE INDEX drafts_by_user_sent ON drafts(user_id, sent_at);

CREATE TABLE replies (
    id       INTEGER PRIMARY KEY,
    user_id  INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    at       TEXT    NOT NULL,
    handed   TEXT    NOT NULL
);
CREATE INDEX replies_by_user_at ON replies(user_id, at);
