-- Accounts get emails of their own (issue 18): address confirmation and password reset. They belong to no event, and
-- the link in them is made for the account as the message is sent, so the outbox row names the account.

ALTER TABLE outbox_messages ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE outbox_messages ADD COLUMN user_id uuid
    CONSTRAINT fk_outbox_messages_users_user_id REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX ix_outbox_messages_user_id_created_at ON outbox_messages (user_id, created_at) WHERE user_id IS NOT NULL;

ALTER TABLE outbox_messages DROP CONSTRAINT ck_outbox_messages_purpose;
ALTER TABLE outbox_messages ADD CONSTRAINT ck_outbox_messages_purpose
    CHECK (purpose IN ('Invitation', 'Reminder', 'Confirmation', 'Broadcast', 'TeamInvitation', 'AnswerNotice', 'EmailConfirmation', 'PasswordReset'));
