-- Fonder 0007 (PostgreSQL): how many turns a rally has played, as a column (see the SQLite
-- file of the same number).
ALTER TABLE rallies ADD COLUMN played INTEGER NOT NULL DEFAULT 0;
UPDATE rallies SET played = json_array_length(turns::json);
