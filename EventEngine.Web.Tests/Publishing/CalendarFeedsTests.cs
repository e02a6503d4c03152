using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Calendar = Ical.Net.Calendar;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Publishing;

public class CalendarFeedsTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private static readonly DateTime Now = new(2027, 4, 3, 14, 30, 0, DateTimeKind.Utc);

    private async Task<Calendar> FeedAsync(string path)
    {
        var response = await app.CreateAppClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task A_citys_feed_holds_its_published_and_cancelled_events_in_their_own_zone_and_nothing_else()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync("Feed Org");
        var concert = await app.PublicEventAsync(org, "Feed Concert", "auckland", new DateTime(2027, 4, 10, 19, 30, 0),
            more: e => (e.Venue, e.Address) = ("Town Hall", "Queen St"));
        var cancelled = await app.PublicEventAsync(org, "Feed Called Off", "auckland", new DateTime(2027, 4, 11, 10, 0, 0), status: EventStatus.Cancelled);
        await app.PublicEventAsync(org, "Feed Draft", "auckland", new DateTime(2027, 4, 12, 10, 0, 0), status: EventStatus.Draft);
        await app.PublicEventAsync(org, "Feed Long Ago", "auckland", new DateTime(2027, 1, 12, 10, 0, 0));
        await app.PublicEventAsync(org, "Feed Elsewhere", "perth", new DateTime(2027, 4, 10, 19, 30, 0));

        var calendar = await FeedAsync("/feeds/cities/auckland.ics");

        Assert.Equal("Events in Auckland", calendar.Properties.Get<string>("X-WR-CALNAME"));
        Assert.Equal(["Feed Called Off", "Feed Concert"], calendar.Events.Select(e => e.Summary).Order());
        var entry = calendar.Events.Single(e => e.Summary == "Feed Concert");
        Assert.Equal($"{concert.Id:N}@eventengine", entry.Uid);
        Assert.Equal(("Pacific/Auckland", 19, 30), (entry.DtStart!.TzId, entry.DtStart.Hour, entry.DtStart.Minute));
        Assert.Equal(new DateTime(2027, 4, 10, 7, 30, 0), entry.DtStart.AsUtc); // NZST, +12, from 4 April
        Assert.Equal("Town Hall, Queen St", entry.Location);
        Assert.EndsWith($"/e/{concert.Id}/feed-concert", entry.Url!.ToString());
        Assert.Equal("CANCELLED", calendar.Events.Single(e => e.Uid == $"{cancelled.Id:N}@eventengine").Status);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Pacific/Auckland");
    }

    [Fact]
    public async Task An_organisations_and_a_categorys_feed_hold_theirs_and_unknown_ones_are_not_found()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync("Feed Makers");
        var slug = await app.QueryAsync(db => db.Organisations.Where(o => o.Id == org).Select(o => o.Slug).SingleAsync());
        await app.PublicEventAsync(org, "Makers Market", "oslo", new DateTime(2027, 5, 1, 10, 0, 0), EventCategory.Food);
        await app.PublicEventAsync(org, "Makers Talk", "oslo", new DateTime(2027, 5, 2, 10, 0, 0), EventCategory.Learning);
        var other = await app.OrganisationAsync("Someone Else");
        await app.PublicEventAsync(other, "Other Food Fair", "lima", new DateTime(2027, 5, 1, 10, 0, 0), EventCategory.Food);

        Assert.Equal(["Makers Market", "Makers Talk"], (await FeedAsync($"/feeds/orgs/{slug}.ics")).Events.Select(e => e.Summary).Order());
        var food = (await FeedAsync("/feeds/categories/food.ics")).Events.Select(e => e.Summary).ToList();
        Assert.Contains("Makers Market", food);
        Assert.Contains("Other Food Fair", food);
        Assert.DoesNotContain("Makers Talk", food);

        foreach (var path in new[] { "/feeds/cities/atlantis.ics", "/feeds/orgs/nobody.ics", "/feeds/categories/knitting.ics", "/feeds/categories/3.ics" })
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAppClient().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_feed_holds_each_date_of_a_series_with_its_own_uid_and_a_cancelled_date_marked_cancelled()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync("Series Feed Org");
        var e = await app.PublicEventAsync(org, "Feed Class", "sydney", new DateTime(2027, 4, 6, 18, 0, 0),
            more: x => (x.RepeatRule, x.EndsAt) = ("FREQ=WEEKLY;COUNT=3", x.StartsAt.AddHours(1)));
        await Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<EventEngine.Web.Publishing.Series>(app.Services, (TimeProvider)app.Clock).PlanAsync(e.Id);
        var dates = await app.QueryAsync(db => db.Occurrences.Where(o => o.EventId == e.Id).OrderBy(o => o.Day).ToListAsync());
        await app.QueryAsync(db => db.Occurrences.Where(o => o.Id == dates[1].Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OccurrenceStatus.Cancelled)));

        var calendar = await FeedAsync("/feeds/cities/sydney.ics");

        var entries = calendar.Events.Where(x => x.Summary == "Feed Class").OrderBy(x => x.DtStart!.AsUtc).ToList();
        Assert.Equal(dates.Select(d => $"{d.Id:N}@eventengine"), entries.Select(x => x.Uid));
        Assert.Equal(dates.Select(d => d.StartsAt), entries.Select(x => x.DtStart!.AsUtc));
        Assert.Equal(["CONFIRMED", "CANCELLED", "CONFIRMED"], entries.Select(x => x.Status));
        Assert.EndsWith("/2027-04-13", entries[1].Url!.ToString());
    }
}
