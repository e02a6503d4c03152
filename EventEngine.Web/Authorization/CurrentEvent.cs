using EventEngine.Web.Domain;

namespace EventEngine.Web.Authorization;

/// <summary>The event in the route and the signed-in user's role in it, loaded once per request by <see cref="EventAccessFilter"/>.</summary>
public sealed class CurrentEvent
{
    private EventMembership? membership;

    public EventMembership Membership => membership
        ?? throw new InvalidOperationException("CurrentEvent is only available on pages under Events/Manage.");

    public Guid EventId => Membership.EventId;
    public Guid UserId => Membership.UserId;
    public EventRole Role => Membership.Role;
    public bool Can(EventPermission permission) => Membership.Role.Grants(permission);

    internal void Set(EventMembership value) => membership = value;
}

/// <summary>The member's role, and their name as the activity log records it.</summary>
public sealed record EventMembership(Guid EventId, Guid UserId, EventRole Role, string UserName);
