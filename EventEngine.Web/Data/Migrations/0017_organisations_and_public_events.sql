-- The public side, part 1 (issue 19): cities, organisations and their members, images, and what makes an event
-- public (its organisation, place, category, summary, life cycle). Private events keep working exactly as before.

CREATE TABLE cities (
    id uuid NOT NULL DEFAULT (gen_random_uuid()),
    name varchar(100) NOT NULL,
    slug varchar(100) NOT NULL,
    country char(2) NOT NULL CONSTRAINT ck_cities_country CHECK (country ~ '^[A-Z]{2}$'),
    -- Dates in the catalog ("today", "this weekend") are worked out in the city's own zone.
    time_zone_id varchar(64) NOT NULL,
    CONSTRAINT pk_cities PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_cities_slug ON cities (slug);

INSERT INTO cities (name, slug, country, time_zone_id) VALUES
    ('London', 'london', 'GB', 'Europe/London'),
    ('Manchester', 'manchester', 'GB', 'Europe/London'),
    ('Edinburgh', 'edinburgh', 'GB', 'Europe/London'),
    ('Dublin', 'dublin', 'IE', 'Europe/Dublin'),
    ('Paris', 'paris', 'FR', 'Europe/Paris'),
    ('Lyon', 'lyon', 'FR', 'Europe/Paris'),
    ('Berlin', 'berlin', 'DE', 'Europe/Berlin'),
    ('Munich', 'munich', 'DE', 'Europe/Berlin'),
    ('Hamburg', 'hamburg', 'DE', 'Europe/Berlin'),
    ('Amsterdam', 'amsterdam', 'NL', 'Europe/Amsterdam'),
    ('Brussels', 'brussels', 'BE', 'Europe/Brussels'),
    ('Madrid', 'madrid', 'ES', 'Europe/Madrid'),
    ('Barcelona', 'barcelona', 'ES', 'Europe/Madrid'),
    ('Lisbon', 'lisbon', 'PT', 'Europe/Lisbon'),
    ('Rome', 'rome', 'IT', 'Europe/Rome'),
    ('Milan', 'milan', 'IT', 'Europe/Rome'),
    ('Vienna', 'vienna', 'AT', 'Europe/Vienna'),
    ('Zürich', 'zurich', 'CH', 'Europe/Zurich'),
    ('Copenhagen', 'copenhagen', 'DK', 'Europe/Copenhagen'),
    ('Stockholm', 'stockholm', 'SE', 'Europe/Stockholm'),
    ('Oslo', 'oslo', 'NO', 'Europe/Oslo'),
    ('Helsinki', 'helsinki', 'FI', 'Europe/Helsinki'),
    ('Warsaw', 'warsaw', 'PL', 'Europe/Warsaw'),
    ('Prague', 'prague', 'CZ', 'Europe/Prague'),
    ('Budapest', 'budapest', 'HU', 'Europe/Budapest'),
    ('Athens', 'athens', 'GR', 'Europe/Athens'),
    ('Istanbul', 'istanbul', 'TR', 'Europe/Istanbul'),
    ('Tel Aviv', 'tel-aviv', 'IL', 'Asia/Jerusalem'),
    ('Jerusalem', 'jerusalem', 'IL', 'Asia/Jerusalem'),
    ('Haifa', 'haifa', 'IL', 'Asia/Jerusalem'),
    ('Dubai', 'dubai', 'AE', 'Asia/Dubai'),
    ('Cairo', 'cairo', 'EG', 'Africa/Cairo'),
    ('Nairobi', 'nairobi', 'KE', 'Africa/Nairobi'),
    ('Lagos', 'lagos', 'NG', 'Africa/Lagos'),
    ('Cape Town', 'cape-town', 'ZA', 'Africa/Johannesburg'),
    ('Johannesburg', 'johannesburg', 'ZA', 'Africa/Johannesburg'),
    ('Mumbai', 'mumbai', 'IN', 'Asia/Kolkata'),
    ('Delhi', 'delhi', 'IN', 'Asia/Kolkata'),
    ('Bengaluru', 'bengaluru', 'IN', 'Asia/Kolkata'),
    ('Singapore', 'singapore', 'SG', 'Asia/Singapore'),
    ('Bangkok', 'bangkok', 'TH', 'Asia/Bangkok'),
    ('Hong Kong', 'hong-kong', 'HK', 'Asia/Hong_Kong'),
    ('Tokyo', 'tokyo', 'JP', 'Asia/Tokyo'),
    ('Osaka', 'osaka', 'JP', 'Asia/Tokyo'),
    ('Seoul', 'seoul', 'KR', 'Asia/Seoul'),
    ('Sydney', 'sydney', 'AU', 'Australia/Sydney'),
    ('Melbourne', 'melbourne', 'AU', 'Australia/Melbourne'),
    ('Brisbane', 'brisbane', 'AU', 'Australia/Brisbane'),
    ('Perth', 'perth', 'AU', 'Australia/Perth'),
    ('Auckland', 'auckland', 'NZ', 'Pacific/Auckland'),
    ('New York', 'new-york', 'US', 'America/New_York'),
    ('Boston', 'boston', 'US', 'America/New_York'),
    ('Washington', 'washington', 'US', 'America/New_York'),
    ('Chicago', 'chicago', 'US', 'America/Chicago'),
    ('Austin', 'austin', 'US', 'America/Chicago'),
    ('Denver', 'denver', 'US', 'America/Denver'),
    ('Phoenix', 'phoenix', 'US', 'America/Phoenix'),
    ('Los Angeles', 'los-angeles', 'US', 'America/Los_Angeles'),
    ('San Francisco', 'san-francisco', 'US', 'America/Los_Angeles'),
    ('Seattle', 'seattle', 'US', 'America/Los_Angeles'),
    ('Toronto', 'toronto', 'CA', 'America/Toronto'),
    ('Montréal', 'montreal', 'CA', 'America/Toronto'),
    ('Vancouver', 'vancouver', 'CA', 'America/Vancouver'),
    ('Mexico City', 'mexico-city', 'MX', 'America/Mexico_City'),
    ('São Paulo', 'sao-paulo', 'BR', 'America/Sao_Paulo'),
    ('Rio de Janeiro', 'rio-de-janeiro', 'BR', 'America/Sao_Paulo'),
    ('Buenos Aires', 'buenos-aires', 'AR', 'America/Argentina/Buenos_Aires'),
    ('Santiago', 'santiago', 'CL', 'America/Santiago'),
    ('Bogotá', 'bogota', 'CO', 'America/Bogota'),
    ('Lima', 'lima', 'PE', 'America/Lima');

-- Logos and event pictures, kept in the database so every instance serves the same ones.
CREATE TABLE images (
    id uuid NOT NULL,
    content_type varchar(32) NOT NULL CONSTRAINT ck_images_content_type CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    bytes bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_images PRIMARY KEY (id)
);

CREATE TABLE organisations (
    id uuid NOT NULL,
    name varchar(200) NOT NULL,
    slug varchar(80) NOT NULL,
    description varchar(5000),
    logo_image_id uuid CONSTRAINT fk_organisations_images_logo_image_id REFERENCES images (id) ON DELETE SET NULL,
    website varchar(300),
    contact_email varchar(254),
    home_city_id uuid CONSTRAINT fk_organisations_cities_home_city_id REFERENCES cities (id) ON DELETE SET NULL,
    -- Set by staff: the organisation's events publish without review.
    trusted boolean NOT NULL DEFAULT false,
    created_at timestamp with time zone NOT NULL,
    created_by_id uuid CONSTRAINT fk_organisations_users_created_by_id REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT pk_organisations PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_organisations_slug ON organisations (slug);
CREATE INDEX ix_organisations_logo_image_id ON organisations (logo_image_id);
CREATE INDEX ix_organisations_home_city_id ON organisations (home_city_id);
CREATE INDEX ix_organisations_created_by_id ON organisations (created_by_id);

CREATE TABLE organisation_members (
    organisation_id uuid NOT NULL CONSTRAINT fk_organisation_members_organisations_organisation_id REFERENCES organisations (id) ON DELETE CASCADE,
    user_id uuid NOT NULL CONSTRAINT fk_organisation_members_users_user_id REFERENCES users (id) ON DELETE CASCADE,
    role varchar(16) NOT NULL CONSTRAINT ck_organisation_members_role CHECK (role IN ('Owner', 'Editor', 'Viewer')),
    -- After this moment the membership grants nothing.
    expires_at timestamp with time zone,
    joined_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_organisation_members PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX ix_organisation_members_user_id ON organisation_members (user_id);

ALTER TABLE events
    ADD COLUMN organisation_id uuid CONSTRAINT fk_events_organisations_organisation_id REFERENCES organisations (id) ON DELETE RESTRICT,
    ADD COLUMN visibility varchar(16) NOT NULL DEFAULT 'Private' CONSTRAINT ck_events_visibility CHECK (visibility IN ('Private', 'Public')),
    ADD COLUMN status varchar(16) NOT NULL DEFAULT 'Draft' CONSTRAINT ck_events_status CHECK (status IN ('Draft', 'InReview', 'Published', 'Cancelled')),
    ADD COLUMN city_id uuid CONSTRAINT fk_events_cities_city_id REFERENCES cities (id) ON DELETE RESTRICT,
    ADD COLUMN address varchar(300),
    ADD COLUMN latitude double precision,
    ADD COLUMN longitude double precision,
    ADD COLUMN category varchar(32),
    ADD COLUMN summary varchar(300),
    ADD COLUMN attendance_mode varchar(16) NOT NULL DEFAULT 'Offline' CONSTRAINT ck_events_attendance_mode CHECK (attendance_mode IN ('Offline', 'Online', 'Mixed')),
    ADD COLUMN online_url varchar(500),
    ADD COLUMN registration_url varchar(500),
    ADD COLUMN image_id uuid CONSTRAINT fk_events_images_image_id REFERENCES images (id) ON DELETE SET NULL,
    ADD COLUMN submitted_at timestamp with time zone,
    ADD COLUMN published_at timestamp with time zone,
    -- The moderator's reason when an event went back to draft, shown to the organisation.
    ADD COLUMN review_note varchar(1000),
    ADD CONSTRAINT ck_events_public_has_organisation CHECK (visibility = 'Private' OR organisation_id IS NOT NULL),
    ADD CONSTRAINT ck_events_coordinates CHECK ((latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)));
CREATE INDEX ix_events_organisation_id ON events (organisation_id);
CREATE INDEX ix_events_city_id ON events (city_id);
CREATE INDEX ix_events_image_id ON events (image_id);
-- The moderation queue, oldest first: submitted_at is set only while an event waits for review.
CREATE INDEX ix_events_submitted_at ON events (submitted_at) WHERE submitted_at IS NOT NULL;

-- A public event's life cycle is in its activity log too.
ALTER TABLE event_activities DROP CONSTRAINT ck_event_activities_kind;
ALTER TABLE event_activities ADD CONSTRAINT ck_event_activities_kind CHECK (kind IN ('MemberInvited', 'InvitationResent', 'InvitationRevoked', 'MemberJoined', 'RoleChanged',
        'MemberRemoved', 'MemberLeft', 'EventCreated', 'EventEdited', 'RemindersChanged', 'StatusChanged', 'GuestAdded', 'GuestEdited', 'GuestDeleted',
        'GuestsBulkEdited', 'GuestsBulkDeleted', 'GuestsImported', 'MessagesQueued', 'MessagesRetried', 'MessagesCancelled', 'RsvpOpened',
        'RsvpAnswered', 'RsvpChanged', 'RsvpLinkRevoked'));
