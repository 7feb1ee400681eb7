-- What became of each suggestion's offer: the channel it went out on, or why it did not ('taken',
-- 'undelivered:expired', ...). Null while it is being offered, so a suggestion the hub was stopped in the
-- middle of offering is offered again at start. Suggestions from before this column count as offered.
ALTER TABLE suggestions ADD COLUMN offer TEXT;
ALTER TABLE suggestions ADD COLUMN offered_at INTEGER;
UPDATE suggestions SET offer = 'unknown';
