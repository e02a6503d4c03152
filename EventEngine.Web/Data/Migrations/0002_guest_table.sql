-- The guest table (issue 3): plus-ones coming, accent- and case-insensitive partial search, and file imports.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- unaccent() is only STABLE (its dictionary could change), so a generated column cannot call it directly.
-- Pinning the dictionary makes the result depend on the argument alone, which is what IMMUTABLE promises.
CREATE FUNCTION ee_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

ALTER TABLE guests ADD COLUMN plus_ones_coming integer NOT NULL DEFAULT 0;
UPDATE guests SET plus_ones_coming = cardinality(plus_one_names);
ALTER TABLE guests DROP CONSTRAINT ck_guests_plus_ones;
ALTER TABLE guests ADD CONSTRAINT ck_guests_plus_ones
    CHECK (plus_ones_allowed >= 0 AND plus_ones_coming BETWEEN 0 AND plus_ones_allowed AND cardinality(plus_one_names) <= plus_ones_coming);

ALTER TABLE guests ADD COLUMN search_text text GENERATED ALWAYS AS (
    lower(ee_unaccent(first_name || ' ' || coalesce(last_name, '') || ' ' || coalesce(email::text, '') || ' ' || coalesce(phone, '')))
) STORED;

-- The name order of the guest table (last name, else the only name; case and accents ignored), indexed so the
-- first pages of a large list need no sort.
ALTER TABLE guests ADD COLUMN sort_name text GENERATED ALWAYS AS (
    lower(ee_unaccent(coalesce(last_name, first_name) || ' ' || first_name))
) STORED;

CREATE INDEX ix_guests_event_id_search_text ON guests USING gin (event_id, search_text gin_trgm_ops);
CREATE INDEX ix_guests_event_id_sort_name_id ON guests (event_id, sort_name, id);

CREATE TABLE guest_imports (
    id uuid NOT NULL DEFAULT (gen_random_uuid()),
    event_id uuid NOT NULL,
    created_by_id uuid,
    file_name character varying(260) NOT NULL,
    content bytea NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    completed_at timestamp with time zone,
    added integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    skipped integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    rejected_csv bytea,
    CONSTRAINT pk_guest_imports PRIMARY KEY (id),
    CONSTRAINT fk_guest_imports_events_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT fk_guest_imports_users_created_by_id FOREIGN KEY (created_by_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_guest_imports_event_id ON guest_imports (event_id);
CREATE INDEX ix_guest_imports_created_by_id ON guest_imports (created_by_id);
