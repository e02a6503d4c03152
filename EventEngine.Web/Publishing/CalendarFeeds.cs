using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Publishing;

/// <summary>
/// Calendars to subscribe to: /feeds/cities/{slug}.ics, /feeds/orgs/{slug}.ics and /feeds/categories/{name}.ics.
/// Each holds the published events that have not ended (and those that ended in the last 30 days, so a subscriber's
/// calendar keeps what they went to), plus cancelled ones, marked so, which removes them from subscribers' days.
/// </summary>
public static class CalendarFeeds
{
    public const int MaxEvents = 1000;
    private static readonly TimeSpan Kept = TimeSpan.FromDays(30);

    public static string CityPath(string slug) => $"/feeds/cities/{slug}.ics";
    public static string OrganisationPath(string slug) => $"/feeds/orgs/{slug}.ics";
    public static string CategoryPath(EventCategory category) => $"/feeds/categories/{category.ToString().ToLowerInvariant()}.ics";

    /// <summary>The feed's address for calendar apps: webcal:// opens the subscribe dialog instead of downloading once.</summary>
    public static string SubscribeUrl(string baseUrl, string path) =>
        "webcal://" + baseUrl.TrimEnd('/').Replace("https://", "").Replace("http://", "") + path;

    public static void MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/cities/{slug}.ics", async (string slug, AppDbContext db, IOptions<AppOptions> options, TimeProvider clock) =>
            await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug) is { } city
                ? await FeedAsync(db, options, clock, $"Events in {city.Name}", e => e.CityId == city.Id)
                : Results.NotFound());
        app.MapGet("/feeds/orgs/{slug}.ics", async (string slug, AppDbContext db, IOptions<AppOptions> options, TimeProvider clock) =>
            await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug) is { } organisation
                ? await FeedAsync(db, options, clock, organisation.Name, e => e.OrganisationId == organisation.Id)
                : Results.NotFound());
        app.MapGet("/feeds/categories/{name}.ics", async (string name, AppDbContext db, IOptions<AppOptions> options, TimeProvider clock) =>
            Enum.TryParse<EventCategory>(name, ignoreCase: true, out var category) && Enum.IsDefined(category) && !name.Any(char.IsDigit)
                ? await FeedAsync(db, options, clock, $"{category} events", e => e.Category == category)
                : Results.NotFound());
    }

    private static async Task<IResult> FeedAsync(AppDbContext db, IOptions<AppOptions> options, TimeProvider clock, string name,
        System.Linq.Expressions.Expression<Func<Event, bool>> which)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Kept;
        System.Linq.Expressions.Expression<Func<Event, bool>> shown = e => e.Visibility == EventVisibility.Public
            && (e.Status == EventStatus.Published || e.Status == EventStatus.Cancelled);
        // One-off events, and each date of a series (cancelled ones too, so subscribers' calendars mark them).
        var events = await db.Events.AsNoTracking().Where(which).Where(shown).Where(e => e.RepeatRule == null && (e.EndsAt ?? e.StartsAt) >= since)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxEvents).ToListAsync();
        var dates = await db.Occurrences.AsNoTracking().Include(o => o.Event).Where(CatalogQuery.OfSeries(which)).Where(CatalogQuery.OfSeries(shown))
            .Where(o => o.Event!.RepeatRule != null && (o.EndsAt ?? o.StartsAt) >= since)
            .OrderBy(o => o.StartsAt).ThenBy(o => o.Id).Take(MaxEvents).ToListAsync();
        var baseUrl = options.Value.BaseUrl.TrimEnd('/');
        var entries = events.Select(e => (Event: e, Date: (Occurrence?)null, e.StartsAt, Page: Pages.Catalog.EventModel.PathOf(e)))
            .Concat(dates.Select(o => (Event: o.Event!, Date: (Occurrence?)o, o.StartsAt, Page: Pages.Catalog.EventModel.PathOf(o.Event!, o))))
            .OrderBy(x => x.StartsAt).Take(MaxEvents)
            .Select(x => (x.Event, x.Date, baseUrl + x.Page)).ToList();
        var file = CalendarFile.Feed(name, entries, now);
        return Results.Text(file, "text/calendar; charset=utf-8");
    }
}
