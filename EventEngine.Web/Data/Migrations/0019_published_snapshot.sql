-- Moderation (issue 19): what a public event said when it was last published, so a moderator reviewing it again sees
-- what changed since. A JSON array of {"field", "value"} pairs, in the order the event's form shows them.
ALTER TABLE events ADD COLUMN published_snapshot jsonb;
