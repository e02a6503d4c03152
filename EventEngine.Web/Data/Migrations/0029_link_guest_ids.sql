-- A guest's link carries the ids of the guests it opens (its household's, or its one guest), worked out once with the
-- rest of the request's identity (migration 0021), so the link policies on guests and event_activities compare ids
-- instead of searching the guests table for each row. Written here rather than in 0021, which had landed.
CREATE OR REPLACE FUNCTION ee_identity_for(person uuid, link_token bytea) RETURNS text
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
        -- The guests the link opens, listed once here so the policies compare ids instead of searching guests.
        'link_guests', (SELECT coalesce(array_agg(id), '{}') FROM (
            SELECT g.id FROM rsvp_links l JOIN guests g ON g.household_id = l.household_id WHERE l.token_hash = link_token AND l.revoked_at IS NULL
            UNION ALL
            SELECT guest_id FROM rsvp_links WHERE token_hash = link_token AND revoked_at IS NULL AND guest_id IS NOT NULL) members)::text,
        'link_organisation', (SELECT organisation_id FROM organisation_invitations WHERE token_hash = link_token))
    INTO identity;
    PERFORM set_config('app.identity', identity::text, false);
    RETURN identity::text;
END
$$;

CREATE FUNCTION ee_link_guest_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce((ee_identity() ->> 'link_guests')::uuid[], '{}') $$;

DROP POLICY link ON guests;
CREATE POLICY link ON guests USING (id = ANY ((SELECT ee_link_guest_ids())::uuid[]));
DROP POLICY link ON event_activities;
CREATE POLICY link ON event_activities USING (
    event_id = (SELECT ee_link_event_id()) AND actor_user_id IS NULL AND guest_id = ANY ((SELECT ee_link_guest_ids())::uuid[]));
DROP FUNCTION ee_link_guest_id();
