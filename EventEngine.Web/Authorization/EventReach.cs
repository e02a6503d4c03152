using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Authorization;

/// <summary>
/// Which events a person reaches, and with which role: their direct memberships, and the events of organisations they
/// belong to (Owner → Admin, Editor → Editor, Viewer → Viewer) while that membership has not expired. Where both
/// apply, the stronger role wins. The event filter and the events list both ask here, so they cannot disagree.
/// </summary>
public static class EventReach
{
    /// <summary>The person's strongest role on each event they reach (or on the one event asked about).</summary>
    public static async Task<Dictionary<Guid, EventRole>> RolesAsync(AppDbContext db, Guid userId, DateTime now, Guid? eventId = null,
        CancellationToken cancellationToken = default)
    {
        var direct = await db.EventMembers.Where(m => m.UserId == userId && (eventId == null || m.EventId == eventId))
            .Select(m => new { m.EventId, m.Role }).ToListAsync(cancellationToken);
        var throughOrganisations = await db.Events
            .Where(e => eventId == null || e.Id == eventId)
            .SelectMany(e => db.OrganisationMembers.Where(o => o.OrganisationId == e.OrganisationId && o.UserId == userId
                && (o.ExpiresAt == null || o.ExpiresAt > now)), (e, o) => new { EventId = e.Id, o.Role })
            .ToListAsync(cancellationToken);
        return direct.Select(d => (d.EventId, d.Role))
            .Concat(throughOrganisations.Select(o => (o.EventId, Role: o.Role.OnEvents())))
            .GroupBy(r => r.EventId)
            .ToDictionary(g => g.Key, g => Strongest(g.Select(r => r.Role)));
    }

    /// <summary>The strongest role the person has on the event, or null when they do not reach it.</summary>
    public static async Task<EventRole?> RoleAsync(AppDbContext db, Guid eventId, Guid userId, DateTime now, CancellationToken cancellationToken = default) =>
        (await RolesAsync(db, userId, now, eventId, cancellationToken)).TryGetValue(eventId, out var role) ? role : null;

    /// <summary>Admin is the strongest, Viewer the weakest (the enum's order).</summary>
    public static EventRole Strongest(IEnumerable<EventRole> roles) => roles.Min();
}
