-- The host hears back (issue 17): each team member chooses whether guests' answers reach them by email at once, in a
-- daily digest, or not at all; the digest remembers where the last one ended. Those emails go through the outbox.

ALTER TABLE event_members ADD COLUMN answer_emails varchar(8) NOT NULL DEFAULT 'Off'
    CONSTRAINT ck_event_members_answer_emails CHECK (answer_emails IN ('Off', 'AtOnce', 'Daily'));
ALTER TABLE event_members ADD COLUMN answers_digested_at timestamp with time zone;

ALTER TABLE outbox_messages DROP CONSTRAINT ck_outbox_messages_purpose;
ALTER TABLE outbox_messages ADD CONSTRAINT ck_outbox_messages_purpose
    CHECK (purpose IN ('Invitation', 'Reminder', 'Confirmation', 'Broadcast', 'TeamInvitation', 'AnswerNotice'));
