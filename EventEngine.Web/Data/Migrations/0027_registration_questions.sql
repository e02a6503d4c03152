-- The organiser's questions for people who register (issue 21): free text or a choice, each required or not, asked
-- on the event's page; the answers are kept per registration and shown with the person in the guest table.
CREATE TABLE registration_questions (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    position integer NOT NULL,
    label varchar(200) NOT NULL,
    kind varchar(16) NOT NULL,
    -- The options of a choice, in the order they are offered; empty for free text.
    choices text[] NOT NULL DEFAULT '{}',
    required boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_registration_questions PRIMARY KEY (id),
    CONSTRAINT ck_registration_questions_kind CHECK (kind IN ('Text', 'Choice')),
    CONSTRAINT ck_registration_questions_choices CHECK ((kind = 'Choice') = (cardinality(choices) > 0)),
    CONSTRAINT fk_registration_questions_events_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
);
CREATE INDEX ix_registration_questions_event_id_position ON registration_questions (event_id, position);

CREATE TABLE registration_answers (
    registration_id uuid NOT NULL,
    question_id uuid NOT NULL,
    event_id uuid NOT NULL,
    value varchar(1000) NOT NULL,
    CONSTRAINT pk_registration_answers PRIMARY KEY (registration_id, question_id),
    CONSTRAINT fk_registration_answers_registrations_registration_id FOREIGN KEY (registration_id) REFERENCES registrations (id) ON DELETE CASCADE,
    CONSTRAINT fk_registration_answers_registration_questions_question_id FOREIGN KEY (question_id) REFERENCES registration_questions (id) ON DELETE CASCADE,
    CONSTRAINT fk_registration_answers_events_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
);
CREATE INDEX ix_registration_answers_question_id ON registration_answers (question_id);
CREATE INDEX ix_registration_answers_event_id ON registration_answers (event_id);

-- Row-level security: the event's people manage the questions and read the answers; anyone who can see the event
-- reads its questions (they are asked on its public page); a registrant reads their own answers.
ALTER TABLE registration_questions ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON registration_questions USING ((SELECT ee_is_system()) OR event_id = ANY ((SELECT ee_event_ids())::uuid[]));
CREATE POLICY visitors ON registration_questions FOR SELECT USING (EXISTS (SELECT 1 FROM events e WHERE e.id = event_id));
ALTER TABLE registration_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON registration_answers USING ((SELECT ee_is_system()) OR event_id = ANY ((SELECT ee_event_ids())::uuid[]));
CREATE POLICY registrant ON registration_answers FOR SELECT USING (EXISTS (SELECT 1 FROM registrations r WHERE r.id = registration_id));
