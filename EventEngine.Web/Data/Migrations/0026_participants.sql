-- Participants in the guest table (issue 21): whoever registers for a public event is a guest of it, so the guest
-- table's filters, messages, exports, dashboard and door list work for them without a second path. One guest per
-- address per event (the guest table's own rule), however many dates of a series they register for; their
-- registrations say where they stand (guests.registration) and set the guest's status.
ALTER TABLE guests ADD COLUMN registration varchar(16);
ALTER TABLE guests ADD CONSTRAINT ck_guests_registration
    CHECK (registration IS NULL OR registration IN ('Registered', 'Unconfirmed', 'Offered', 'Waitlisted', 'Cancelled'));
ALTER TABLE registrations ADD COLUMN guest_id uuid;
ALTER TABLE registrations ADD CONSTRAINT fk_registrations_guests_guest_id FOREIGN KEY (guest_id) REFERENCES guests (id) ON DELETE SET NULL;
CREATE INDEX ix_registrations_guest_id ON registrations (guest_id);

-- A new registration joins the guest with its address, who is added if there is none yet (named as registered).
CREATE FUNCTION ee_registration_guest() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    first text := split_part(btrim(NEW.name), ' ', 1);
BEGIN
    IF NEW.guest_id IS NULL THEN
        INSERT INTO guests (id, event_id, first_name, last_name, email, status, plus_ones_allowed, plus_ones_coming, created_at, updated_at)
        VALUES (gen_random_uuid(), NEW.event_id, left(first, 100), left(nullif(btrim(substr(btrim(NEW.name), length(first) + 1)), ''), 100), NEW.email,
                'Invited', 0, 0, NEW.created_at, NEW.created_at)
        ON CONFLICT (event_id, email) WHERE email IS NOT NULL DO UPDATE SET updated_at = guests.updated_at
        RETURNING id INTO NEW.guest_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER registrations_guest BEFORE INSERT ON registrations FOR EACH ROW EXECUTE FUNCTION ee_registration_guest();

-- The guest's standing follows their registrations: registered (any place confirmed) is a confirmed guest with their
-- extra places as plus-ones; an offer, a held place or the waiting list is still waiting; nothing standing, declined.
CREATE FUNCTION ee_registration_guest_status() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    state text;
    extra integer;
BEGIN
    IF NEW.guest_id IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT CASE WHEN bool_or(r.status = 'Confirmed') THEN 'Registered'
                WHEN bool_or(r.status = 'Offered') THEN 'Offered'
                WHEN bool_or(r.status = 'Held') THEN 'Unconfirmed'
                WHEN bool_or(r.status = 'Waitlisted') THEN 'Waitlisted'
                ELSE 'Cancelled' END,
           coalesce(max(r.places) FILTER (WHERE r.status = 'Confirmed'), 1) - 1
      INTO state, extra
      FROM registrations r WHERE r.guest_id = NEW.guest_id;
    UPDATE guests g SET
        registration = state,
        status = CASE state WHEN 'Registered' THEN 'Confirmed' WHEN 'Cancelled' THEN 'Declined' ELSE 'Invited' END,
        plus_ones_allowed = greatest(g.plus_ones_allowed, extra),
        plus_ones_coming = extra,
        plus_one_names = g.plus_one_names[1:extra],
        plus_one_dietary_needs = g.plus_one_dietary_needs[1:extra],
        updated_at = NEW.updated_at
    WHERE g.id = NEW.guest_id AND (g.registration IS DISTINCT FROM state OR g.plus_ones_coming <> extra);
    RETURN NULL;
END
$$;
CREATE TRIGGER registrations_guest_status AFTER INSERT OR UPDATE OF status, places ON registrations
    FOR EACH ROW EXECUTE FUNCTION ee_registration_guest_status();

-- Who came: marked at the door, per guest (and per date, for a series).
CREATE TABLE attendances (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    guest_id uuid NOT NULL,
    occurrence_id uuid,
    arrived_at timestamp with time zone NOT NULL,
    marked_by_id uuid,
    CONSTRAINT pk_attendances PRIMARY KEY (id),
    CONSTRAINT fk_attendances_events_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT fk_attendances_guests_guest_id FOREIGN KEY (guest_id) REFERENCES guests (id) ON DELETE CASCADE,
    CONSTRAINT fk_attendances_occurrences_occurrence_id FOREIGN KEY (occurrence_id) REFERENCES occurrences (id) ON DELETE CASCADE,
    CONSTRAINT fk_attendances_users_marked_by_id FOREIGN KEY (marked_by_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_attendances_guest_id_occurrence_id ON attendances (guest_id, occurrence_id) NULLS NOT DISTINCT;
CREATE INDEX ix_attendances_event_id_occurrence_id ON attendances (event_id, occurrence_id);
CREATE INDEX ix_attendances_marked_by_id ON attendances (marked_by_id);
CREATE INDEX ix_attendances_occurrence_id ON attendances (occurrence_id);
ALTER TABLE attendances ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON attendances USING ((SELECT ee_is_system()) OR event_id = ANY ((SELECT ee_event_ids())::uuid[]));
