-- Fonder 0008: /daily's question "which time zone?" waits in the database, not in one process's
-- memory: the time she is choosing a zone for, and when she was asked. A restart keeps it, and
-- whichever worker gets her answer can take it.
ALTER TABLE users ADD COLUMN asked_tz_minute INTEGER;
ALTER TABLE users ADD COLUMN asked_tz_at TEXT;
