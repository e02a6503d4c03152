using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Publishing;

/// <summary>
/// A hand-made catalog around one instant, 3 April 2027 14:30 UTC: Saturday afternoon in London (summer time), and
/// already half past one on Sunday morning in Sydney, the day its summer time ends (a 25-hour day).
/// </summary>
public class CatalogQueryTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private static readonly DateTime Now = new(2027, 4, 3, 14, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Australia/Sydney", CatalogWhen.Today, "2027-04-03T13:00", "2027-04-04T14:00")] // Sunday 00:00 AEDT to Monday 00:00 AEST
    [InlineData("Australia/Sydney", CatalogWhen.Weekend, "2027-04-03T13:00", "2027-04-04T14:00")] // on a Sunday, the weekend is that day
    [InlineData("Europe/London", CatalogWhen.Today, "2027-04-02T23:00", "2027-04-03T23:00")]
    [InlineData("Europe/London", CatalogWhen.Weekend, "2027-04-02T23:00", "2027-04-04T23:00")]
    [InlineData("Europe/London", CatalogWhen.Tomorrow, "2027-04-03T23:00", "2027-04-04T23:00")]
    [InlineData("America/New_York", CatalogWhen.Week, "2027-04-03T04:00", "2027-04-10T04:00")]
    public void A_day_is_worked_out_where_the_event_is(string zone, CatalogWhen when, string from, string to)
    {
        var (start, end) = CatalogQuery.Window(zone, when, Now);

        Assert.Equal((DateTime.Parse(from), DateTime.Parse(to)), (start, end));
    }

    private Task<Event> PublishedAsync(Guid organisationId, string name, string citySlug, DateTime local, EventCategory category = EventCategory.Music,
        EventStatus status = EventStatus.Published) =>
        app.PublicEventAsync(organisationId, name, citySlug, local, category, status);

    private Task<Guid> OrganisationAsync() => app.OrganisationAsync();

    private Task<List<string>> NamesAsync(string query) => app.CatalogNamesAsync(query);

    [Fact]
    public async Task The_catalog_filters_by_city_day_and_category_in_each_citys_own_time()
    {
        app.Clock.Set(Now);
        var org = await OrganisationAsync();
        await PublishedAsync(org, "Sydney Sunday Late", "sydney", new DateTime(2027, 4, 4, 23, 30, 0));
        await PublishedAsync(org, "Sydney Monday Early", "sydney", new DateTime(2027, 4, 5, 0, 30, 0));
        await PublishedAsync(org, "London Saturday Night", "london", new DateTime(2027, 4, 3, 22, 0, 0), EventCategory.Nightlife);
        await PublishedAsync(org, "London Sunday Lunch", "london", new DateTime(2027, 4, 4, 12, 0, 0), EventCategory.Food);
        await PublishedAsync(org, "London Already Over", "london", new DateTime(2027, 4, 3, 9, 0, 0));
        await PublishedAsync(org, "London Draft", "london", new DateTime(2027, 4, 3, 20, 0, 0), status: EventStatus.Draft);
        await PublishedAsync(org, "London Cancelled", "london", new DateTime(2027, 4, 3, 20, 0, 0), status: EventStatus.Cancelled);

        Assert.Equal(["Sydney Sunday Late"], await NamesAsync("city=sydney&when=Today"));
        Assert.Equal(["Sydney Sunday Late", "Sydney Monday Early"], await NamesAsync("city=sydney&when=Week"));
        Assert.Equal(["London Saturday Night", "London Sunday Lunch"], await NamesAsync("city=london&when=Weekend"));
        Assert.Equal(["London Sunday Lunch"], await NamesAsync("city=london&when=Tomorrow"));
        Assert.Equal(["London Sunday Lunch"], await NamesAsync("city=london&category=Food"));
        // Everywhere, today: Sunday in Sydney, Saturday in London, each by its own clock.
        Assert.Equal(["London Saturday Night", "Sydney Sunday Late"], await NamesAsync("when=Today"));
        Assert.NotNull((await app.CreateAppClient().GetPageAsync("/discover?city=sydney&category=Film")).QuerySelector("[data-testid=catalog-empty]"));
        // Nonsense in the address is ignored, not an error.
        Assert.Equal(await NamesAsync(""), await NamesAsync("city=atlantis&when=Someday&category=Nope"));
    }

    [Fact]
    public async Task Pages_follow_on_without_repeating_or_skipping_events_that_start_together()
    {
        app.Clock.Set(Now);
        var org = await OrganisationAsync();
        var names = new List<string>();
        for (var i = 0; i < CatalogQuery.PageSize + 5; i++)
            names.Add((await PublishedAsync(org, $"Same Time {i:00}", "lisbon", new DateTime(2027, 5, 1, 18, 0, 0))).Name);

        var first = await app.CreateAppClient().GetPageAsync("/discover?city=lisbon");
        var more = first.QuerySelector("[data-testid=catalog-more]")!.GetAttribute("href")!;
        var second = await app.CreateAppClient().GetPageAsync(more);

        var seen = first.QuerySelectorAll("[data-testid=catalog-item] h2").Concat(second.QuerySelectorAll("[data-testid=catalog-item] h2"))
            .Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(CatalogQuery.PageSize, first.QuerySelectorAll("[data-testid=catalog-item]").Length);
        Assert.Equal(names.Order(), seen.Order());
        Assert.Null(second.QuerySelector("[data-testid=catalog-more]"));
    }
}
