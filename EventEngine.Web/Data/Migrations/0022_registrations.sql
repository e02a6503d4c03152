-- Registration for public events (issue 21), first part: places that are never oversold. Each event is one capacity
-- pool (occurrences of a series will be pools of their own). Writers take the pool's advisory lock, count what is
-- taken, then write; a trigger takes the same lock and refuses any write that would go over, so a code path that
-- forgot the lock still cannot oversell.
ALTER TABLE events ADD COLUMN capacity integer;
ALTER TABLE events ADD COLUMN places_per_person integer NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN offer_hours integer NOT NULL DEFAULT 24;
ALTER TABLE events ADD CONSTRAINT ck_events_capacity CHECK (capacity IS NULL OR capacity >= 0);
ALTER TABLE events ADD CONSTRAINT ck_events_places_per_person CHECK (places_per_person BETWEEN 1 AND 20);
ALTER TABLE events ADD CONSTRAINT ck_events_offer_hours CHECK (offer_hours BETWEEN 1 AND 168);

CREATE TABLE registrations (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    -- The person's account when they registered signed in; null for a visitor who gave a name and an address.
    user_id uuid,
    name varchar(200) NOT NULL,
    email citext NOT NULL,
    places integer NOT NULL,
    -- Held: waiting for the visitor to confirm by email; Offered: a place from the waiting list, waiting for an
    -- answer. Both take their places until hold_until, then lapse to Expired.
    status varchar(16) NOT NULL,
    hold_until timestamp with time zone,
    -- The registration's own link (/registrations/{token}) to confirm, take up an offer or cancel, made as RSVP links'
    -- are (Links/LinkTokens.cs): the seed, and the hash of the token.
    seed bytea NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_registrations PRIMARY KEY (id),
    CONSTRAINT ck_registrations_status CHECK (status IN ('Held', 'Confirmed', 'Waitlisted', 'Offered', 'Cancelled', 'Expired')),
    CONSTRAINT ck_registrations_places CHECK (places BETWEEN 1 AND 20),
    CONSTRAINT ck_registrations_sizes CHECK (octet_length(seed) = 32 AND octet_length(token_hash) = 32),
    CONSTRAINT ck_registrations_hold CHECK ((status IN ('Held', 'Offered')) = (hold_until IS NOT NULL)),
    CONSTRAINT fk_registrations_events_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT fk_registrations_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
);
-- Counting a pool's taken places, and the waiting list in order.
CREATE INDEX ix_registrations_event_id_status_created_at ON registrations (event_id, status, created_at);
CREATE INDEX ix_registrations_user_id ON registrations (user_id);
CREATE UNIQUE INDEX ix_registrations_token_hash ON registrations (token_hash);
-- Lapsing holds and offers.
CREATE INDEX ix_registrations_hold_until ON registrations (hold_until) WHERE hold_until IS NOT NULL;

-- The advisory lock of a capacity pool: the app and the trigger below take the same one.
CREATE FUNCTION ee_capacity_lock_key(pool uuid) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT hashtextextended('capacity:' || pool::text, 0) $$;

-- Places taken in a pool: confirmed, and held or offered (until they lapse, which the app records as Expired).
CREATE FUNCTION ee_capacity_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    capacity integer;
    taken integer;
BEGIN
    IF NEW.status NOT IN ('Held', 'Confirmed', 'Offered') THEN
        RETURN NEW;
    END IF;
    SELECT e.capacity INTO capacity FROM events e WHERE e.id = NEW.event_id;
    IF capacity IS NULL THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(ee_capacity_lock_key(NEW.event_id));
    SELECT coalesce(sum(r.places), 0) INTO taken FROM registrations r
    WHERE r.event_id = NEW.event_id AND r.id <> NEW.id AND r.status IN ('Held', 'Confirmed', 'Offered');
    IF taken + NEW.places > capacity THEN
        RAISE EXCEPTION 'The event has % of % places left; % asked for.', greatest(capacity - taken, 0), capacity, NEW.places
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_registrations_capacity', TABLE = 'registrations';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER registrations_capacity BEFORE INSERT OR UPDATE OF status, places ON registrations
    FOR EACH ROW EXECUTE FUNCTION ee_capacity_check();

-- Row-level security (migration 0021): the event's people see and change its registrations, a person sees their
-- own, and so does the registration's link. Registering and cancelling go through the capacity pool (Registrations/Capacity.cs) as system work, since
-- counting a pool reads every registration in it.
ALTER TABLE registrations ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON registrations USING ((SELECT ee_is_system()) OR event_id = ANY ((SELECT ee_event_ids())::uuid[]));
CREATE POLICY registrant ON registrations FOR SELECT USING (user_id = (SELECT ee_user_id()) OR token_hash = (SELECT ee_link_token()));
