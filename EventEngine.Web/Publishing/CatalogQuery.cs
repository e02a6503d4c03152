using System.Linq.Expressions;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace EventEngine.Web.Publishing;

/// <summary>When, as the catalog's filter offers it. Each is worked out in the zone of the place the event is in.</summary>
public enum CatalogWhen
{
    Upcoming,
    Today,
    Tomorrow,
    Weekend,
    Week,
}

/// <summary>
/// The catalog: published events that have not ended, soonest first, filtered by city, category and day, a page at a
/// time. Pages follow a keyset (start, id), so a page never repeats or skips an event when others are added.
/// "Today" or "this weekend" is a different stretch of time in Sydney than in London: the window is worked out for
/// each time zone the cities have, from the wall-clock date there now.
/// </summary>
public sealed class CatalogQuery(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    public sealed record Filter(string? City, EventCategory? Category, CatalogWhen When, DateTime? AfterStart, Guid? AfterId);

    public sealed record Item(Guid Id, string Name, string? Summary, DateTime StartsAt, string TimeZoneId, string? City, string? Venue,
        EventCategory? Category, string Organisation, EventStatus Status, AttendanceMode AttendanceMode);

    public sealed record Page(IReadOnlyList<Item> Items, (DateTime Start, Guid Id)? Next);

    public async Task<Page> RunAsync(Filter filter)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var events = db.Events.AsNoTracking().Where(e => e.Visibility == EventVisibility.Public && e.Status == EventStatus.Published
            && (e.EndsAt ?? e.StartsAt) >= now);
        if (filter.City is { } citySlug) events = events.Where(e => e.City!.Slug == citySlug);
        if (filter.Category is { } category) events = events.Where(e => e.Category == category);
        if (filter.When != CatalogWhen.Upcoming)
        {
            var zones = filter.City is { } slug
                ? await db.Cities.Where(c => c.Slug == slug).Select(c => c.TimeZoneId).ToListAsync()
                : await db.Cities.Select(c => c.TimeZoneId).Distinct().ToListAsync();
            events = events.Where(InWindow(zones, filter.When, now));
        }
        if (filter.AfterStart is { } afterStart && filter.AfterId is { } afterId)
            events = events.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.StartsAt, e.Id), ValueTuple.Create(afterStart, afterId)));
        var items = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(PageSize + 1)
            .Select(e => new Item(e.Id, e.Name, e.Summary, e.StartsAt, e.TimeZoneId, e.City != null ? e.City.Name : null, e.Venue, e.Category,
                e.Organisation!.Name, e.Status, e.AttendanceMode))
            .ToListAsync();
        var more = items.Count > PageSize;
        var shown = items.Take(PageSize).ToList();
        return new Page(shown, more ? (shown[^1].StartsAt, shown[^1].Id) : null);
    }

    /// <summary>The instants [from, to) that the day filter means in one zone, from the local date there now.</summary>
    public static (DateTime From, DateTime To) Window(string zoneId, CatalogWhen when, DateTime now)
    {
        var zone = EventTime.Zone(zoneId);
        var today = EventTime.ToInstant(now).InZone(zone).Date;
        var (first, days) = when switch
        {
            CatalogWhen.Today => (today, 1),
            CatalogWhen.Tomorrow => (today.PlusDays(1), 1),
            // Saturday and Sunday; on a Sunday, just that day.
            CatalogWhen.Weekend => today.DayOfWeek switch
            {
                IsoDayOfWeek.Sunday => (today, 1),
                IsoDayOfWeek.Saturday => (today, 2),
                _ => (today.Next(IsoDayOfWeek.Saturday), 2),
            },
            _ => (today, 7),
        };
        var from = zone.AtStartOfDay(first).ToInstant().ToDateTimeUtc();
        var to = zone.AtStartOfDay(first.PlusDays(days)).ToInstant().ToDateTimeUtc();
        return (from, to);
    }

    /// <summary>(zone = z1 AND start in its window) OR (zone = z2 AND …): one condition per zone, built once per query.</summary>
    private static Expression<Func<Event, bool>> InWindow(IEnumerable<string> zones, CatalogWhen when, DateTime now)
    {
        var e = Expression.Parameter(typeof(Event), "e");
        Expression? any = null;
        foreach (var zone in zones)
        {
            var (from, to) = Window(zone, when, now);
            Expression<Func<Event, bool>> one = x => x.TimeZoneId == zone && x.StartsAt >= from && x.StartsAt < to;
            var body = new Replace(one.Parameters[0], e).Visit(one.Body);
            any = any is null ? body : Expression.OrElse(any, body);
        }
        return Expression.Lambda<Func<Event, bool>>(any ?? Expression.Constant(false), e);
    }

    private sealed class Replace(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
