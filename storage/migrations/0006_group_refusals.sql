-- Fonder 0006: the groups already told "I only work in private chats", so each is told once
-- however many processes serve the bot (it was a set in one process's memory). Only the chat's
-- id and when: nothing anyone wrote there.
CREATE TABLE group_refusals (
    chat_id    INTEGER PRIMARY KEY,
    refused_at TEXT    NOT NULL
);
