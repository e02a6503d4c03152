-- Organisation members are invited by email as an event's team is (issue 19): the same single-use, hashed links at
-- /invitations/{token}, sent through the outbox, which now knows which organisation a message is for.
CREATE TABLE organisation_invitations (
    id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    email citext NOT NULL,
    role varchar(16) NOT NULL,
    -- When the membership it grants ends; null for no end.
    member_until timestamp with time zone,
    seed bytea NOT NULL,
    token_hash bytea NOT NULL,
    invited_by_id uuid,
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    accepted_at timestamp with time zone,
    accepted_by_id uuid,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_organisation_invitations PRIMARY KEY (id),
    CONSTRAINT ck_organisation_invitations_role CHECK (role IN ('Owner', 'Editor', 'Viewer')),
    CONSTRAINT ck_organisation_invitations_sizes CHECK (octet_length(seed) = 32 AND octet_length(token_hash) = 32),
    CONSTRAINT ck_organisation_invitations_closed_once CHECK (accepted_at IS NULL OR revoked_at IS NULL),
    CONSTRAINT fk_organisation_invitations_organisations_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
    CONSTRAINT fk_organisation_invitations_users_invited_by_id FOREIGN KEY (invited_by_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_organisation_invitations_users_accepted_by_id FOREIGN KEY (accepted_by_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_organisation_invitations_token_hash ON organisation_invitations (token_hash);
-- One open invitation per address and organisation.
CREATE UNIQUE INDEX ix_organisation_invitations_organisation_id_email ON organisation_invitations (organisation_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX ix_organisation_invitations_invited_by_id ON organisation_invitations (invited_by_id);
CREATE INDEX ix_organisation_invitations_accepted_by_id ON organisation_invitations (accepted_by_id);

ALTER TABLE outbox_messages ADD COLUMN organisation_id uuid
    CONSTRAINT fk_outbox_messages_organisations_organisation_id REFERENCES organisations (id) ON DELETE CASCADE;
CREATE INDEX ix_outbox_messages_organisation_id ON outbox_messages (organisation_id) WHERE organisation_id IS NOT NULL;

ALTER TABLE outbox_messages DROP CONSTRAINT ck_outbox_messages_purpose;
ALTER TABLE outbox_messages ADD CONSTRAINT ck_outbox_messages_purpose
    CHECK (purpose IN ('Invitation', 'Reminder', 'Confirmation', 'Broadcast', 'TeamInvitation', 'AnswerNotice', 'EmailConfirmation',
        'PasswordReset', 'EmailChange', 'AccountNotice', 'OrganisationInvitation'));
