-- Fonder 0004: daily prompts fire per (time zone, minute) group; find a group's users fast.
CREATE INDEX daily_by_minute ON daily(at_minute, enabled);
