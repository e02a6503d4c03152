-- Accounts (issue 18): each login is a row, so a person can see where they are logged in and end one login; and two
-- more account emails: the link that confirms a new address, and notices to the account (its address changed, two-factor
-- turned on or off, a passkey added).

CREATE TABLE login_sessions (
    id uuid NOT NULL,
    user_id uuid NOT NULL CONSTRAINT fk_login_sessions_users_user_id REFERENCES users (id) ON DELETE CASCADE,
    -- The account's security stamp when the login was made: a login made before the stamp changed is over.
    security_stamp varchar(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    ip_address varchar(64),
    user_agent varchar(512),
    -- When the password was last typed again in this login: changing two-factor or passkeys, or deleting the account,
    -- needs it to be recent.
    password_confirmed_at timestamp with time zone,
    CONSTRAINT pk_login_sessions PRIMARY KEY (id)
);
CREATE INDEX ix_login_sessions_user_id ON login_sessions (user_id);

ALTER TABLE outbox_messages DROP CONSTRAINT ck_outbox_messages_purpose;
ALTER TABLE outbox_messages ADD CONSTRAINT ck_outbox_messages_purpose
    CHECK (purpose IN ('Invitation', 'Reminder', 'Confirmation', 'Broadcast', 'TeamInvitation', 'AnswerNotice', 'EmailConfirmation',
        'PasswordReset', 'EmailChange', 'AccountNotice'));
