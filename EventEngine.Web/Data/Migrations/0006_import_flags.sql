-- Imports keep a person whose phone is wrong but whose email is good (issue 15): such rows are imported with the
-- value left out, and the import remembers how many and what, for its summary.

ALTER TABLE guest_imports ADD COLUMN flagged integer NOT NULL DEFAULT 0;
ALTER TABLE guest_imports ADD COLUMN flags jsonb NOT NULL DEFAULT '[]'::jsonb;
