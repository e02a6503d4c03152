-- Registrations' emails name their registration (issue 21): one person may hold registrations for several dates of a
-- series, so the link filled in at send time is the registration's own. And a change of plan (the event or one of its
-- dates cancelled, or a date moved) is its own purpose: it goes even to a registration that no longer stands.
ALTER TABLE outbox_messages ADD COLUMN registration_id uuid;
ALTER TABLE outbox_messages ADD CONSTRAINT fk_outbox_messages_registrations_registration_id
    FOREIGN KEY (registration_id) REFERENCES registrations (id) ON DELETE SET NULL;
CREATE INDEX ix_outbox_messages_registration_id ON outbox_messages (registration_id) WHERE registration_id IS NOT NULL;
ALTER TABLE outbox_messages DROP CONSTRAINT ck_outbox_messages_purpose;
ALTER TABLE outbox_messages ADD CONSTRAINT ck_outbox_messages_purpose
    CHECK (purpose IN ('Invitation', 'Reminder', 'Confirmation', 'Broadcast', 'TeamInvitation', 'AnswerNotice', 'EmailConfirmation',
        'PasswordReset', 'EmailChange', 'AccountNotice', 'OrganisationInvitation', 'Registration', 'RegistrationHeld', 'RegistrationOffer',
        'RegistrationChange'));
