using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Pages.Catalog;
using EventEngine.Web.Publishing;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Catalog;

/// <summary>A weekly class as visitors see it: each date in the catalog, a page of dates, and each date's own page, places and calendar file.</summary>
public class SeriesPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(Event Event, List<Occurrence> Dates)> ClassAsync(int capacity, string rule = "FREQ=WEEKLY;COUNT=3")
    {
        var e = await app.WeeklyClassAsync(capacity, rule);
        await app.Services.GetRequiredService<Series>().PlanAsync(e.Id);
        var stored = await app.QueryAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == e.Id));
        return (stored, await app.QueryAsync(db => db.Occurrences.AsNoTracking().Where(o => o.EventId == e.Id).OrderBy(o => o.Day).ToListAsync()));
    }

    [Fact]
    public async Task The_catalog_lists_each_date_of_a_series_linking_to_its_page_and_leaves_out_a_cancelled_one()
    {
        var (e, dates) = await ClassAsync(capacity: 5);
        await app.QueryAsync(db => db.Occurrences.Where(o => o.Id == dates[1].Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OccurrenceStatus.Cancelled)));

        var page = await app.CreateAppClient().GetPageAsync("/discover?from=2027-03-01&to=2027-03-31&category=Wellness");

        var links = page.QuerySelectorAll("[data-testid=catalog-item] h2 a").Where(a => a.TextContent.Trim() == "Tuesday Class")
            .Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(EventModel.PathOf(e, dates[0]), links);
        Assert.Contains(EventModel.PathOf(e, dates[2]), links);
        Assert.DoesNotContain(EventModel.PathOf(e, dates[1]), links);
        Assert.DoesNotContain(EventModel.PathOf(e), links);
        Assert.EndsWith("/2027-03-02", EventModel.PathOf(e, dates[0]));
    }

    [Fact]
    public async Task The_series_page_lists_its_dates_with_places_left_and_a_date_page_registers_for_that_date_only()
    {
        var (e, dates) = await ClassAsync(capacity: 2);
        var (client, _) = await app.LoggedInAsync("Ada Attendee");

        var series = await client.GetPageAsync(EventModel.PathOf(e));
        Assert.Contains("Every week on Tuesday at 19:00, 3 times", series.QuerySelector("[data-testid=public-when]")!.TextContent);
        Assert.Equal(3, series.QuerySelectorAll("[data-testid=series-date]").Length);
        Assert.Null(series.QuerySelector("[data-testid=registration-panel]"));

        var path = EventModel.PathOf(e, dates[1]);
        var date = await client.GetPageAsync(path);
        Assert.Contains("Tue 9 Mar 2027, 19:00 GMT", date.QuerySelector("[data-testid=public-when]")!.TextContent);
        Assert.Equal("2 places left.", date.QuerySelector("[data-testid=places-left]")!.TextContent.Trim());
        var registered = await client.PostFormAsync($"{path}?handler=register", [new("places", "1")], tokenFrom: path);

        Assert.StartsWith("/registrations/", registered.Headers.Location!.OriginalString);
        var registration = await app.QueryAsync(db => db.Registrations.SingleAsync(r => r.EventId == e.Id));
        Assert.Equal((dates[1].Id, RegistrationStatus.Confirmed), (registration.OccurrenceId, registration.Status));
        Assert.Equal("1 place left.", (await client.GetPageAsync(path)).QuerySelector("[data-testid=places-left]")!.TextContent.Trim());
        Assert.Equal("2 places left.", (await client.GetPageAsync(EventModel.PathOf(e, dates[2]))).QuerySelector("[data-testid=places-left]")!.TextContent.Trim());
        var list = (await client.GetPageAsync(EventModel.PathOf(e))).QuerySelectorAll("[data-testid=series-date]").Select(a => a.TextContent).ToList();
        Assert.Contains("1 place left", list[1]);
        // The registration's page and "My events" are about that date.
        Assert.Contains("Tue 9 Mar 2027, 19:00 GMT", (await client.GetPageAsync(registered.Headers.Location.OriginalString)).QuerySelector("[data-testid=registration]")!.TextContent);
        Assert.Contains("9 Mar 2027", (await client.GetPageAsync("/events")).QuerySelector("[data-testid=registration-row]")!.TextContent);
    }

    [Fact]
    public async Task A_visitors_registration_for_a_date_keeps_the_language_their_browser_asks_for()
    {
        var (e, dates) = await ClassAsync(capacity: 2);
        var path = EventModel.PathOf(e, dates[0]);
        var visitor = app.CreateAppClient();
        visitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES,es;q=0.9,en;q=0.5");

        await visitor.PostFormAsync($"{path}?handler=visitor",
            [new("Visitor.Name", "Ana"), new("Visitor.Email", "ana@example.com"), new("Visitor.Places", "1")], tokenFrom: path);

        var registration = await app.QueryAsync(db => db.Registrations.SingleAsync(r => r.EventId == e.Id));
        Assert.Equal((dates[0].Id, RegistrationStatus.Held, Language.Spanish), (registration.OccurrenceId, registration.Status, registration.Language));
    }

    [Fact]
    public async Task A_date_has_its_own_calendar_file_and_a_day_the_series_does_not_have_is_not_found()
    {
        var (e, dates) = await ClassAsync(capacity: 2);
        var client = app.CreateAppClient();

        var file = await client.Http.GetStringAsync(EventModel.PathOf(e, dates[2]) + "?handler=calendar");
        var entry = Ical.Net.Calendar.Load(file)!.Events.Single();
        Assert.Equal(($"{dates[2].Id:N}@eventengine", dates[2].StartsAt), (entry.Uid, entry.DtStart!.AsUtc));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EventModel.PathOf(e) + "/2027-03-03")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EventModel.PathOf(e) + "/not-a-day")).StatusCode);
    }

    [Fact]
    public async Task Paging_through_one_off_events_and_dates_that_start_at_the_same_times_shows_each_once_in_order()
    {
        var (e, dates) = await ClassAsync(capacity: 5, rule: "FREQ=WEEKLY;COUNT=4");
        var org = await app.OrganisationAsync();
        // One-off events at the very same starts as the class's dates, so the order between them falls to the ids.
        var ids = new List<Guid> { e.Id };
        foreach (var date in dates)
            ids.Add((await app.PublicEventAsync(org, "Same Time Talk", "london", EventTime.ToLocal(date.StartsAt, "Europe/London"), category: EventCategory.Wellness)).Id);
        await using var scope = app.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogQuery>();
        var filter = new CatalogQuery.Filter { Category = EventCategory.Wellness, When = CatalogWhen.Dates, From = new DateOnly(2027, 3, 1), To = new DateOnly(2027, 3, 31) };

        var seen = new List<CatalogQuery.Item>();
        CatalogQuery.Cursor? after = null;
        do
        {
            var page = await catalog.RunAsync(filter with { After = after }, pageSize: 3);
            seen.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        var ours = seen.Where(i => ids.Contains(i.EventId)).ToList();
        Assert.Equal(8, ours.Count);
        Assert.Equal(ours.Count, ours.Select(i => i.Id).Distinct().Count());
        Assert.Equal(seen.Select(i => i.StartsAt).Order(), seen.Select(i => i.StartsAt));
        Assert.Equal(4, ours.Count(i => i.Day is not null));
    }
}
