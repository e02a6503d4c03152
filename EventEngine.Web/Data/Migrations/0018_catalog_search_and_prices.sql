-- The catalog, part 2 (issue 19): a lowest price (blank means free), search by words that forgives accents and typos,
-- and the indexes the catalog's filters walk.

-- levenshtein(): how many letters a typed word is from a real one.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

ALTER TABLE events
    ADD COLUMN price_from numeric(10,2) CONSTRAINT ck_events_price_from CHECK (price_from IS NULL OR price_from > 0),
    ADD COLUMN currency char(3) CONSTRAINT ck_events_currency CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT ck_events_priced_in_a_currency CHECK (price_from IS NULL OR currency IS NOT NULL),
    -- Filled by a trigger for public events only: the name weighs most, then the summary and organisation, then the
    -- place, then the description. Lower-case and accent-free, split on words with no language's stemming, since
    -- the catalog spans many languages.
    ADD COLUMN search_vector tsvector;

CREATE FUNCTION ee_event_search_vector(e events) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT setweight(to_tsvector('simple', ee_unaccent(coalesce(e.name, ''))), 'A')
        || setweight(to_tsvector('simple', ee_unaccent(coalesce(e.summary, '') || ' '
            || coalesce((SELECT o.name FROM organisations o WHERE o.id = e.organisation_id), ''))), 'B')
        || setweight(to_tsvector('simple', ee_unaccent(coalesce(e.venue, '') || ' ' || coalesce(e.address, '') || ' '
            || coalesce((SELECT c.name FROM cities c WHERE c.id = e.city_id), ''))), 'C')
        || setweight(to_tsvector('simple', ee_unaccent(coalesce(e.description, ''))), 'D')
    $$;

-- Every word public events use, so a misspelt word in a search can be matched to the nearest real ones
-- (pg_trgm's documented way to suggest spellings). Words are only added; one no event uses any more matches nothing.
CREATE TABLE search_words (
    word text NOT NULL,
    CONSTRAINT pk_search_words PRIMARY KEY (word)
);
CREATE INDEX ix_search_words_word_trgm ON search_words USING gin (word gin_trgm_ops);

CREATE FUNCTION ee_events_search() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.visibility = 'Public' THEN
        NEW.search_vector := ee_event_search_vector(NEW);
        INSERT INTO search_words (word)
            SELECT lexeme FROM unnest(NEW.search_vector) WHERE length(lexeme) BETWEEN 3 AND 40 AND lexeme !~ '[0-9]'
            ON CONFLICT DO NOTHING;
    ELSE
        NEW.search_vector := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tr_events_search BEFORE INSERT OR UPDATE OF name, summary, description, venue, address, city_id, organisation_id, visibility
    ON events FOR EACH ROW EXECUTE FUNCTION ee_events_search();

-- An organisation's new name is found in its events.
CREATE FUNCTION ee_organisations_search() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE events SET organisation_id = organisation_id WHERE organisation_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER tr_organisations_search AFTER UPDATE OF name ON organisations
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION ee_organisations_search();

UPDATE events SET visibility = visibility WHERE visibility = 'Public';

CREATE INDEX ix_events_search_vector ON events USING gin (search_vector);
-- Published events by start, in a city, in a category: the catalog's pages follow (starts_at, id).
CREATE INDEX ix_events_city_id_starts_at_id ON events (city_id, starts_at, id) WHERE status = 'Published';
CREATE INDEX ix_events_category_starts_at_id ON events (category, starts_at, id) WHERE status = 'Published';
CREATE INDEX ix_events_starts_at_id ON events (starts_at, id) WHERE status = 'Published';
-- The (city_id, starts_at, id) index covers what this one did; cities are never deleted.
DROP INDEX ix_events_city_id;
