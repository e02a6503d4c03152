-- Households as families are (issue 17): one household link answers for everyone in it, so a member without a
-- phone or email (a child) can be invited through the others. A guest outside a household still needs one.
-- The app also keeps at least one reachable member in each household; the database keeps the weaker rule.

ALTER TABLE guests DROP CONSTRAINT ck_guests_reachable;
ALTER TABLE guests ADD CONSTRAINT ck_guests_reachable CHECK (phone IS NOT NULL OR email IS NOT NULL OR household_id IS NOT NULL);
ALTER TABLE guests ADD COLUMN is_child boolean NOT NULL DEFAULT false;
