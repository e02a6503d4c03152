-- Deleting an account (issue 18) keeps its row as a nameless tombstone, so what the person did in other events stays
-- attributed to "a former member" and the activity log's references hold; everything that identified them (name,
-- address, password, keys, passkeys, logins) is removed. deleted_at says it is one.

ALTER TABLE users ADD COLUMN deleted_at timestamp with time zone;
