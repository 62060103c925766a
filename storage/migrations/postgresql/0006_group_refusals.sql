-- Fonder 0006 (PostgreSQL): the groups already told "I only work in private chats", so each is
-- told once however many processes serve the bot. Only the chat's id and when.
CREATE TABLE group_refusals (
    chat_id    BIGINT PRIMARY KEY,
    refused_at TEXT   NOT NULL
);
