-- Row-level security (issue 20): the database itself keeps each event's and organisation's rows to the people who
-- reach them, so one forgotten filter in the app cannot show or change another host's guests. The app still decides
-- roles (a Viewer cannot edit); the database decides tenancy.
--
-- Who is asking lives in two settings of the connection, and Npgsql's reset clears them when it goes back to the pool:
--   app.identity  what ee_identity_for(person, link token) worked out for the signed-in person and the hash of the
--                 RSVP or invitation link being used: the events and organisations they reach, whether they are site
--                 staff, and what the link opens. Worked out once per request (Data/DatabaseIdentity.cs), so that
--                 each statement's policies only read it.
--   app.system    'on' for background work (outbox, reminders, webhooks): set only at connection start, by the app's
--                 separate system pool, never by a request.
-- Nothing set is an anonymous visitor, who sees published public events and nothing else: failing to set an
-- identity can only ever show less.

CREATE FUNCTION ee_identity_for(person uuid, link_token bytea) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    identity jsonb;
BEGIN
    SELECT jsonb_build_object(
        'user', person,
        -- Direct memberships and organisations' events, while the organisation membership lasts (as Authorization/EventReach.cs).
        'events', (SELECT coalesce(array_agg(DISTINCT id), '{}') FROM (
            SELECT event_id AS id FROM event_members WHERE user_id = person
            UNION ALL
            SELECT e.id FROM events e JOIN organisation_members o ON o.organisation_id = e.organisation_id
            WHERE o.user_id = person AND (o.expires_at IS NULL OR o.expires_at > now())) reach)::text,
        'organisations', (SELECT coalesce(array_agg(organisation_id), '{}') FROM organisation_members
            WHERE user_id = person AND (expires_at IS NULL OR expires_at > now()))::text,
        'link', encode(link_token, 'hex'),
        'staff', EXISTS (SELECT 1 FROM users WHERE id = person AND site_role IS NOT NULL AND deleted_at IS NULL),
        -- An RSVP link opens its event and its household (or its one guest), while not revoked; an invitation its
        -- event or organisation, in any state (its page says why it is closed).
        'link_event', coalesce((SELECT event_id FROM rsvp_links WHERE token_hash = link_token),
                               (SELECT event_id FROM event_invitations WHERE token_hash = link_token)),
        'link_household', (SELECT household_id FROM rsvp_links WHERE token_hash = link_token AND revoked_at IS NULL),
        'link_guest', (SELECT guest_id FROM rsvp_links WHERE token_hash = link_token AND revoked_at IS NULL),
        'link_organisation', (SELECT organisation_id FROM organisation_invitations WHERE token_hash = link_token))
    INTO identity;
    PERFORM set_config('app.identity', identity::text, false);
    RETURN identity::text;
END
$$;

-- What the policies read: plain functions the planner inlines, each inside (SELECT ...) so it runs once per statement.
CREATE FUNCTION ee_identity() RETURNS jsonb LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(nullif(current_setting('app.identity', true), ''), '{}')::jsonb $$;

CREATE FUNCTION ee_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (ee_identity() ->> 'user')::uuid $$;
CREATE FUNCTION ee_event_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce((ee_identity() ->> 'events')::uuid[], '{}') $$;
CREATE FUNCTION ee_organisation_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce((ee_identity() ->> 'organisations')::uuid[], '{}') $$;
CREATE FUNCTION ee_is_staff() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce((ee_identity() ->> 'staff')::boolean, false) $$;
CREATE FUNCTION ee_link_token() RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT decode(ee_identity() ->> 'link', 'hex') $$;
CREATE FUNCTION ee_link_event_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (ee_identity() ->> 'link_event')::uuid $$;
CREATE FUNCTION ee_link_household_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (ee_identity() ->> 'link_household')::uuid $$;
CREATE FUNCTION ee_link_guest_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (ee_identity() ->> 'link_guest')::uuid $$;
CREATE FUNCTION ee_link_organisation_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT (ee_identity() ->> 'link_organisation')::uuid $$;
CREATE FUNCTION ee_is_system() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(current_setting('app.system', true), '') = 'on' $$;

-- An event's (or organisation's) creator reaches it until its first member is added, in the same batch that creates
-- it, which the identity worked out before. These read live membership, so they run as the tables' owner; the
-- policies check the creator on the row itself, since a row being inserted is not visible to a function's query.
CREATE FUNCTION ee_event_has_members(event uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$ SELECT EXISTS (SELECT 1 FROM event_members WHERE event_id = event) $$;

CREATE FUNCTION ee_organisation_has_members(organisation uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$ SELECT EXISTS (SELECT 1 FROM organisation_members WHERE organisation_id = organisation) $$;

CREATE FUNCTION ee_founding_event(event uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$ SELECT EXISTS (SELECT 1 FROM events WHERE id = event AND created_by_id = ee_user_id()) AND NOT ee_event_has_members(event) $$;

CREATE FUNCTION ee_founding_organisation(organisation uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT EXISTS (SELECT 1 FROM organisations WHERE id = organisation AND created_by_id = ee_user_id())
       AND NOT ee_organisation_has_members(organisation)
$$;

-- Events: members (and, until the first member, the creator); staff see public events for review; everyone sees
-- published and cancelled public events; a link sees its own event.
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON events USING (
    (SELECT ee_is_system())
    OR id = ANY ((SELECT ee_event_ids())::uuid[])
    OR (created_by_id = (SELECT ee_user_id()) AND (organisation_id IS NULL OR organisation_id = ANY ((SELECT ee_organisation_ids())::uuid[]))
        AND NOT ee_event_has_members(id))
    OR (visibility = 'Public' AND (SELECT ee_is_staff())));
CREATE POLICY creators ON events FOR INSERT WITH CHECK (
    created_by_id = (SELECT ee_user_id()) AND (organisation_id IS NULL OR organisation_id = ANY ((SELECT ee_organisation_ids())::uuid[])));
CREATE POLICY visitors ON events FOR SELECT USING (
    (visibility = 'Public' AND status IN ('Published', 'Cancelled')) OR id = (SELECT ee_link_event_id()));

-- The plain event-scoped tables: the event's people and background work.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['households', 'guests', 'guest_imports', 'inbound_messages', 'reminders', 'rsvp_links',
                             'event_activities', 'event_invitations', 'event_members']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY members ON %I USING ((SELECT ee_is_system()) OR event_id = ANY ((SELECT ee_event_ids())::uuid[]))', t);
    END LOOP;
END $$;

-- A guest's link: their household (or their one guest), their own link, and a line in the event's activity.
CREATE POLICY link ON households USING (id = (SELECT ee_link_household_id()));
CREATE POLICY link ON guests USING (household_id = (SELECT ee_link_household_id()) OR id = (SELECT ee_link_guest_id()));
CREATE POLICY link ON rsvp_links FOR SELECT USING (token_hash = (SELECT ee_link_token()));
CREATE POLICY link ON event_activities USING (
    event_id = (SELECT ee_link_event_id()) AND actor_user_id IS NULL AND guest_id IN (SELECT id FROM guests));
-- An event's creator logs its creation, in the batch that adds the first member.
CREATE POLICY founder ON event_activities USING (actor_user_id = (SELECT ee_user_id()) AND ee_founding_event(event_id));
-- Whoever accepts an invitation logs their own joining (before the membership's row is in).
CREATE POLICY joining ON event_activities USING (
    event_id = (SELECT ee_link_event_id()) AND actor_user_id = (SELECT ee_user_id()));
-- Staff review public events and log their decisions in the event's activity.
CREATE POLICY staff ON event_activities USING (
    (SELECT ee_is_staff()) AND EXISTS (SELECT 1 FROM events e WHERE e.id = event_id AND e.visibility = 'Public'));

-- An invitation's link: the invitation itself (to accept it), and the membership it grants to the person accepting.
CREATE POLICY link ON event_invitations USING (token_hash = (SELECT ee_link_token()));
CREATE POLICY founder ON event_members FOR INSERT WITH CHECK (user_id = (SELECT ee_user_id()) AND ee_founding_event(event_id));
CREATE POLICY invited ON event_members FOR INSERT WITH CHECK (
    user_id = (SELECT ee_user_id()) AND event_id = (SELECT ee_link_event_id()));

-- Organisations are public profiles; only their members (and staff, who mark them trusted) change them.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY visitors ON organisations FOR SELECT USING (true);
CREATE POLICY members ON organisations USING (
    (SELECT ee_is_system()) OR id = ANY ((SELECT ee_organisation_ids())::uuid[]) OR (SELECT ee_is_staff())
    OR (created_by_id = (SELECT ee_user_id()) AND NOT ee_organisation_has_members(id)));
CREATE POLICY creators ON organisations FOR INSERT WITH CHECK (created_by_id = (SELECT ee_user_id()));

ALTER TABLE organisation_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON organisation_members USING (
    (SELECT ee_is_system()) OR organisation_id = ANY ((SELECT ee_organisation_ids())::uuid[]) OR (SELECT ee_is_staff()));
CREATE POLICY founder ON organisation_members FOR INSERT WITH CHECK (
    user_id = (SELECT ee_user_id()) AND ee_founding_organisation(organisation_id));
CREATE POLICY invited ON organisation_members FOR INSERT WITH CHECK (
    user_id = (SELECT ee_user_id()) AND organisation_id = (SELECT ee_link_organisation_id()));

ALTER TABLE organisation_invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON organisation_invitations USING (
    (SELECT ee_is_system()) OR organisation_id = ANY ((SELECT ee_organisation_ids())::uuid[]) OR token_hash = (SELECT ee_link_token()));

-- The outbox: an event's messages to its people, an organisation's, and a person's own account emails. Anyone may
-- queue an account email (a forgotten password is asked for signed out) or an answer to their own link's event.
ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON outbox_messages USING (
    (SELECT ee_is_system())
    OR event_id = ANY ((SELECT ee_event_ids())::uuid[])
    OR organisation_id = ANY ((SELECT ee_organisation_ids())::uuid[])
    OR (event_id IS NULL AND organisation_id IS NULL AND (user_id = (SELECT ee_user_id()) OR (SELECT ee_is_staff()))));
CREATE POLICY senders ON outbox_messages FOR INSERT WITH CHECK (
    (event_id IS NULL AND organisation_id IS NULL) OR event_id = (SELECT ee_link_event_id()));

-- WhatsApp's delivery reports reach an event through the outbox message they report on.
ALTER TABLE whatsapp_statuses ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON whatsapp_statuses USING (
    (SELECT ee_is_system()) OR provider_message_id IN (SELECT provider_message_id FROM outbox_messages WHERE provider_message_id IS NOT NULL));

-- Staff see how many events an account belongs to, never which.
CREATE FUNCTION ee_staff_event_count(account uuid) RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$ SELECT CASE WHEN ee_is_staff() THEN (SELECT count(*)::integer FROM event_members WHERE user_id = account) ELSE 0 END $$;

-- A guest's answer is emailed at once to the members who asked for that: the answering link may learn where to send
-- it, not who else is on the team.
CREATE FUNCTION ee_answer_recipients(event uuid) RETURNS TABLE (user_id uuid, email varchar, display_name varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT m.user_id, u.email, u.display_name FROM event_members m JOIN users u ON u.id = m.user_id
    WHERE m.event_id = event AND m.answer_emails = 'AtOnce' AND u.email IS NOT NULL
      AND (event = ee_link_event_id() OR event = ANY (ee_event_ids()) OR ee_is_system())
$$;
