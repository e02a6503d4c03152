using AngleSharp.Dom;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>Organisations and public events made straight in the database, for tests of what visitors see.</summary>
public static class PublicEvents
{
    public static async Task<Guid> OrganisationAsync(this AppFactory app, string name = "Catalog Org")
    {
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = name, Slug = $"cat-{Guid.NewGuid():N}"[..20], CreatedAt = DateTime.UtcNow };
        await app.QueryAsync(db =>
        {
            db.Organisations.Add(organisation);
            return db.SaveChangesAsync();
        });
        return organisation.Id;
    }

    /// <summary>A public event starting at <paramref name="local"/>, wall-clock time in the city.</summary>
    public static async Task<Event> PublicEventAsync(this AppFactory app, Guid organisationId, string name, string citySlug, DateTime local,
        EventCategory category = EventCategory.Music, EventStatus status = EventStatus.Published, Action<Event>? more = null, AppUser? admin = null)
    {
        var owner = admin ?? await app.CreateUserAsync("Owner");
        var city = await app.QueryAsync(db => db.Cities.SingleAsync(c => c.Slug == citySlug));
        var created = await app.CreateEventAsync(owner, name, city.TimeZoneId);
        await app.QueryAsync(async db =>
        {
            var e = await db.Events.SingleAsync(x => x.Id == created.Id);
            e.Visibility = EventVisibility.Public;
            e.OrganisationId = organisationId;
            e.Status = status;
            e.CityId = city.Id;
            e.Category = category;
            e.StartsAt = EventTime.ToUtc(local, city.TimeZoneId);
            more?.Invoke(e);
            return await db.SaveChangesAsync();
        });
        return created;
    }

    /// <summary>"Weekly Class", a published public event in London on 1 May 2027 that takes registrations for its places.</summary>
    public static async Task<Event> ClassWithPlacesAsync(this AppFactory app, int capacity, int placesPerPerson = 1, int offerHours = 24,
        EventStatus status = EventStatus.Published) =>
        await app.PublicEventAsync(await app.OrganisationAsync(), "Weekly Class", "london", new DateTime(2027, 5, 1, 19, 0, 0), status: status,
            more: e => (e.Capacity, e.PlacesPerPerson, e.OfferHours) = (capacity, placesPerPerson, offerHours));

    /// <summary>"Tuesday Class", a published weekly series in London from Tuesday 2 March 2027 at 19:00 (an hour long), not yet planned.</summary>
    public static async Task<Event> WeeklyClassAsync(this AppFactory app, int capacity, string rule = "FREQ=WEEKLY;COUNT=8", int placesPerPerson = 1) =>
        await app.PublicEventAsync(await app.OrganisationAsync(), "Tuesday Class", "london", new DateTime(2027, 3, 2, 19, 0, 0),
            category: EventCategory.Wellness, more: e =>
            {
                (e.Capacity, e.PlacesPerPerson, e.RepeatRule) = (capacity, placesPerPerson, rule);
                e.EndsAt = e.StartsAt.AddHours(1);
            });

    public static async Task<List<string>> CatalogNamesAsync(this AppFactory app, string query) =>
        Names(await app.CreateAppClient().GetPageAsync("/discover?" + query));

    public static List<string> Names(IDocument page) =>
        page.QuerySelectorAll("[data-testid=catalog-item] h2").Select(h => h.TextContent.Trim()).ToList();
}
