-- Fonder 0007: how many turns a rally has played, as a column. A turn is recorded only if the
-- count is still what it was read as (a duplicate delivery can't score one return twice);
-- counting JSON array items in SQL is each database's own function, a column is everyone's.
ALTER TABLE rallies ADD COLUMN played INTEGER NOT NULL DEFAULT 0;
UPDATE rallies SET played = json_array_length(turns);
