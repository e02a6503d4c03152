-- Recurring public events (issue 21): a series is an event with a repeat rule, and its occurrences are rows of their
-- own, each a capacity pool with its own start, places and status. The rule is RFC 5545's RRULE, expanded with
-- Ical.Net in the event's time zone (Registrations/Recurrence.cs); the event's starts_at and ends_at are the first
-- occurrence's (DTSTART and its length).
ALTER TABLE events ADD COLUMN repeat_rule varchar(200);
-- EXDATE: days the rule skips, as dates in the event's zone.
ALTER TABLE events ADD COLUMN repeat_skipped date[] NOT NULL DEFAULT '{}';
-- RDATE: extra days, at the series' local time.
ALTER TABLE events ADD COLUMN repeat_added date[] NOT NULL DEFAULT '{}';
-- How far ahead occurrences have been made; the background service extends it as time passes.
ALTER TABLE events ADD COLUMN occurrences_until timestamp with time zone;

CREATE TABLE occurrences (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    -- The day the rule gave it, in the event's zone: an occurrence's key within its series (and in its address),
    -- kept when it is moved. The rules offered (daily, weekly, monthly) give at most one occurrence a day.
    day date NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone,
    -- Null: the series' places.
    capacity integer,
    status varchar(16) NOT NULL,
    -- The calendar file's SEQUENCE: raised each time the occurrence moves, so calendars replace the entry.
    sequence integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_occurrences PRIMARY KEY (id),
    CONSTRAINT ck_occurrences_status CHECK (status IN ('Scheduled', 'Cancelled')),
    CONSTRAINT ck_occurrences_capacity CHECK (capacity IS NULL OR capacity >= 0),
    CONSTRAINT ck_occurrences_ends CHECK (ends_at IS NULL OR ends_at > starts_at),
    CONSTRAINT fk_occurrences_events_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_occurrences_event_id_day ON occurrences (event_id, day);
-- The catalog: scheduled occurrences by start.
CREATE INDEX ix_occurrences_starts_at_id ON occurrences (starts_at, id) WHERE status = 'Scheduled';

ALTER TABLE registrations ADD COLUMN occurrence_id uuid;
ALTER TABLE registrations ADD CONSTRAINT fk_registrations_occurrences_occurrence_id FOREIGN KEY (occurrence_id) REFERENCES occurrences (id) ON DELETE CASCADE;
CREATE INDEX ix_registrations_occurrence_id_status_created_at ON registrations (occurrence_id, status, created_at) WHERE occurrence_id IS NOT NULL;
-- The language the registrant reads their emails in (cancellations and changes reach them in it).
ALTER TABLE registrations ADD COLUMN language varchar(16) NOT NULL DEFAULT 'English';

-- The pool is the occurrence for a series, else the event; its places are the occurrence's, else the series'.
CREATE OR REPLACE FUNCTION ee_capacity_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    pool uuid := coalesce(NEW.occurrence_id, NEW.event_id);
    capacity integer;
    taken integer;
BEGIN
    IF NEW.status NOT IN ('Held', 'Confirmed', 'Offered') THEN
        RETURN NEW;
    END IF;
    IF NEW.occurrence_id IS NULL THEN
        SELECT e.capacity INTO capacity FROM events e WHERE e.id = NEW.event_id;
    ELSE
        SELECT coalesce(o.capacity, e.capacity) INTO capacity FROM occurrences o JOIN events e ON e.id = o.event_id WHERE o.id = NEW.occurrence_id;
    END IF;
    IF capacity IS NULL THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(ee_capacity_lock_key(pool));
    SELECT coalesce(sum(r.places), 0) INTO taken FROM registrations r
    WHERE (r.occurrence_id = pool OR (r.event_id = pool AND r.occurrence_id IS NULL))
      AND r.id <> NEW.id AND r.status IN ('Held', 'Confirmed', 'Offered');
    IF taken + NEW.places > capacity THEN
        RAISE EXCEPTION 'The event has % of % places left; % asked for.', greatest(capacity - taken, 0), capacity, NEW.places
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_registrations_capacity', TABLE = 'registrations';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER registrations_capacity ON registrations;
CREATE TRIGGER registrations_capacity BEFORE INSERT OR UPDATE OF status, places, occurrence_id ON registrations
    FOR EACH ROW EXECUTE FUNCTION ee_capacity_check();

-- Row-level security: the event's people change occurrences; anyone reads those of an event they can see.
ALTER TABLE occurrences ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON occurrences USING ((SELECT ee_is_system()) OR event_id = ANY ((SELECT ee_event_ids())::uuid[]));
CREATE POLICY visitors ON occurrences FOR SELECT USING (EXISTS (SELECT 1 FROM events e WHERE e.id = event_id));
