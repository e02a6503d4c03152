-- Registrations' emails (issue 21): a place confirmed (or a place on the waiting list), a visitor's place held until
-- they confirm it, and a freed place offered from the waiting list. Their link is filled in as they are sent.
ALTER TABLE outbox_messages DROP CONSTRAINT ck_outbox_messages_purpose;
ALTER TABLE outbox_messages ADD CONSTRAINT ck_outbox_messages_purpose
    CHECK (purpose IN ('Invitation', 'Reminder', 'Confirmation', 'Broadcast', 'TeamInvitation', 'AnswerNotice', 'EmailConfirmation',
        'PasswordReset', 'EmailChange', 'AccountNotice', 'OrganisationInvitation', 'Registration', 'RegistrationHeld', 'RegistrationOffer'));
