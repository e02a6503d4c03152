-- Passkeys (issue 18): Identity's own table from version 3 of its schema. An account may have several; the credential
-- id is the authenticator's, the data (public key, name, sign count, flags) is JSON as Identity stores it.

CREATE TABLE user_passkeys (
    credential_id bytea NOT NULL,
    user_id uuid NOT NULL,
    data jsonb NOT NULL,
    CONSTRAINT pk_user_passkeys PRIMARY KEY (credential_id),
    CONSTRAINT fk_user_passkeys_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_user_passkeys_user_id ON user_passkeys (user_id);

-- Version 3 of the schema also bounds the key columns of logins and tokens at 128 characters (Identity's own names,
-- like "[AspNetUserStore]" and "RecoveryCodes", are far shorter), and a phone number at 256 (unused here).
ALTER TABLE user_logins ALTER COLUMN login_provider TYPE varchar(128), ALTER COLUMN provider_key TYPE varchar(128);
ALTER TABLE user_tokens ALTER COLUMN login_provider TYPE varchar(128), ALTER COLUMN name TYPE varchar(128);
ALTER TABLE users ALTER COLUMN phone_number TYPE varchar(256);
