using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Dashboard;

/// <summary>One pool on the dashboard: the event (or one date of a series), its places, and who is waiting or offered.</summary>
public sealed record PoolFigures(string Label, int? Places, int Taken, int Waiting, int Offered);

/// <summary>
/// A public event's registrations at a glance: places taken against capacity (for a series, its next dates), the
/// waiting list, and registrations made per day in the event's zone. Null for an event that takes none.
/// </summary>
public sealed record RegistrationReport(IReadOnlyList<PoolFigures> Pools, IReadOnlyList<(DateOnly Day, int Count)> Days)
{
    public const int Dates = 8;
    public const int DaysShown = 30;

    public static async Task<RegistrationReport?> LoadAsync(AppDbContext db, Event e, DateTime now)
    {
        if (e.Visibility != EventVisibility.Public || (e.Capacity is null && !await db.Registrations.AnyAsync(r => r.EventId == e.Id))) return null;
        // Per pool: the date's id, or Guid.Empty for a one-off event.
        var counts = await db.Registrations.Where(r => r.EventId == e.Id)
            .GroupBy(r => r.OccurrenceId ?? Guid.Empty)
            .Select(g => new
            {
                g.Key,
                Taken = g.Where(r => Registration.Taking.Contains(r.Status)).Sum(r => r.Places),
                Waiting = g.Count(r => r.Status == RegistrationStatus.Waitlisted),
                Offered = g.Count(r => r.Status == RegistrationStatus.Offered),
            })
            .ToDictionaryAsync(x => x.Key, x => (x.Taken, x.Waiting, x.Offered));
        PoolFigures Figures(string label, Guid pool, int? places) =>
            counts.TryGetValue(pool, out var c) ? new(label, places, c.Taken, c.Waiting, c.Offered) : new(label, places, 0, 0, 0);
        var pools = e.IsSeries
            ? (await db.Occurrences.AsNoTracking().Where(o => o.EventId == e.Id && o.StartsAt > now && o.Status == OccurrenceStatus.Scheduled)
                .OrderBy(o => o.StartsAt).Take(Dates).ToListAsync())
                .Select(o => Figures(EventTime.Format(o.StartsAt, e.TimeZoneId), o.Id, o.Capacity ?? e.Capacity)).ToList()
            : [Figures("The event", Guid.Empty, e.Capacity)];
        var since = now.AddDays(-DaysShown);
        var made = await db.Registrations.Where(r => r.EventId == e.Id && r.CreatedAt >= since).Select(r => r.CreatedAt).ToListAsync();
        var today = DateOnly.FromDateTime(EventTime.ToLocal(now, e.TimeZoneId));
        var perDay = made.GroupBy(t => DateOnly.FromDateTime(EventTime.ToLocal(t, e.TimeZoneId))).ToDictionary(g => g.Key, g => g.Count());
        var days = Enumerable.Range(0, DaysShown).Select(i => today.AddDays(i - DaysShown + 1)).Select(d => (d, perDay.GetValueOrDefault(d))).ToList();
        return new RegistrationReport(pools, days);
    }
}
