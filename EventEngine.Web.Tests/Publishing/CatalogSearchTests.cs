using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Publishing;

/// <summary>The catalog's words, price and date-range filters, on a hand-made set of events in their own database.</summary>
public class CatalogSearchTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    // A Saturday afternoon in London; Sydney is already into Sunday.
    private static readonly DateTime Now = new(2027, 4, 3, 14, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Soon = new(2027, 4, 20, 19, 0, 0);

    [Fact]
    public async Task Words_are_found_without_their_accents_case_or_spelling_and_the_best_match_comes_first()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync("Les Amis de la Musique");
        await app.PublicEventAsync(org, "Harbour Lights Parade", "lisbon", Soon.AddDays(-2),
            more: e => e.Description = "Part of the summer festival, with a jazz band on the last float.");
        await app.PublicEventAsync(org, "Jazz Festival", "lisbon", Soon);
        await app.PublicEventAsync(org, "Café Müller Evening", "lisbon", Soon, EventCategory.Theatre, more: e => e.Venue = "Théâtre de la Ville");
        await app.PublicEventAsync(org, "Jazz Festival Rehearsal", "lisbon", Soon, status: EventStatus.Draft);

        // Typos: the nearest real words stand in, and the event named for both comes before the one that mentions them.
        Assert.Equal(["Jazz Festival", "Harbour Lights Parade"], await app.CatalogNamesAsync("q=jaz+festval"));
        Assert.Equal(["Harbour Lights Parade"], await app.CatalogNamesAsync("q=harbor+parda"));
        // A short real word is not a misspelling of a long one: "the" in a description does not answer "theatre".
        // Accents and case, in the name and in the venue.
        Assert.Equal(["Café Müller Evening"], await app.CatalogNamesAsync("q=CAFE+muller"));
        Assert.Equal(["Café Müller Evening"], await app.CatalogNamesAsync("q=theatre+ville"));
        // The organisation's name, and the first letters of a word as it is being typed.
        Assert.Equal(3, (await app.CatalogNamesAsync("q=amis+musique")).Count);
        Assert.Equal(["Harbour Lights Parade"], await app.CatalogNamesAsync("q=harb"));
        Assert.Empty(await app.CatalogNamesAsync("q=jazz+theatre"));
        // Every word has to match; a draft is never found.
        Assert.DoesNotContain("Jazz Festival Rehearsal", await app.CatalogNamesAsync("q=rehearsal"));
        // Words combine with the other filters, and nonsense finds nothing without an error.
        Assert.Equal(["Café Müller Evening"], await app.CatalogNamesAsync("q=muller&city=lisbon&category=Theatre"));
        Assert.Empty(await app.CatalogNamesAsync("q=muller&city=london"));
        var page = await app.CreateAppClient().GetPageAsync("/discover?q=%27%22%3Cscript%3E%26%7C%21%3A*");
        Assert.NotNull(page.QuerySelector("[data-testid=catalog-empty]"));
    }

    [Fact]
    public async Task A_renamed_organisation_is_found_by_its_new_name()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync("Old Quarry Collective");
        await app.PublicEventAsync(org, "Open Studios", "berlin", Soon);

        await app.QueryAsync(db => db.Organisations.Where(o => o.Id == org).ExecuteUpdateAsync(o => o.SetProperty(x => x.Name, "Riverside Makers")));

        Assert.Equal(["Open Studios"], await app.CatalogNamesAsync("q=riverside+makers"));
        Assert.Empty(await app.CatalogNamesAsync("q=quarry+collective"));
    }

    [Fact]
    public async Task Search_results_page_on_without_repeating_or_skipping_equal_matches()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync();
        var names = new List<string>();
        for (var i = 0; i < CatalogQuery.PageSize + 3; i++)
            names.Add((await app.PublicEventAsync(org, $"Ukulele Circle {i:00}", "dublin", Soon.AddHours(i % 4))).Name);

        var first = await app.CreateAppClient().GetPageAsync("/discover?q=ukulele");
        var second = await app.CreateAppClient().GetPageAsync(first.QuerySelector("[data-testid=catalog-more]")!.GetAttribute("href")!);

        Assert.Equal(CatalogQuery.PageSize, PublicEvents.Names(first).Count);
        Assert.Equal(names.Order(), PublicEvents.Names(first).Concat(PublicEvents.Names(second)).Order());
        Assert.Null(second.QuerySelector("[data-testid=catalog-more]"));
    }

    [Fact]
    public async Task Free_and_paid_events_are_told_apart_and_prices_read_in_their_currency()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync();
        await app.PublicEventAsync(org, "Pricey Opera Night", "vienna", Soon, more: e => (e.PriceFrom, e.Currency) = (12.5m, "EUR"));
        await app.PublicEventAsync(org, "Free Park Concert", "vienna", Soon.AddHours(1));

        Assert.Equal(["Pricey Opera Night"], await app.CatalogNamesAsync("city=vienna&price=Paid"));
        Assert.Equal(["Free Park Concert"], await app.CatalogNamesAsync("city=vienna&price=Free"));
        var prices = (await app.CreateAppClient().GetPageAsync("/discover?city=vienna")).QuerySelectorAll("[data-testid=catalog-price]")
            .Select(p => p.TextContent).ToList();
        Assert.Equal(["From €12.50", "Free"], prices);
    }

    [Fact]
    public async Task A_chosen_range_of_dates_runs_from_midnight_to_midnight_where_each_event_is()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync();
        // 10 to 11 April, in Tokyo and in Los Angeles: a minute either side of each end is outside.
        await app.PublicEventAsync(org, "Tokyo First Minute", "tokyo", new DateTime(2027, 4, 10, 0, 0, 0));
        await app.PublicEventAsync(org, "Tokyo Day Before", "tokyo", new DateTime(2027, 4, 9, 23, 59, 0));
        await app.PublicEventAsync(org, "LA Last Minute", "los-angeles", new DateTime(2027, 4, 11, 23, 59, 0));
        await app.PublicEventAsync(org, "LA Day After", "los-angeles", new DateTime(2027, 4, 12, 0, 0, 0));

        Assert.Equal(["Tokyo First Minute", "LA Last Minute"], await app.CatalogNamesAsync("when=Dates&from=2027-04-10&to=2027-04-11"));
        // Dates alone choose the range; a missing end runs on.
        Assert.Equal(["LA Last Minute", "LA Day After"], await app.CatalogNamesAsync("city=los-angeles&from=2027-04-10"));
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_explained_at_its_field_and_keeps_the_other_filters()
    {
        app.Clock.Set(Now);
        var page = await app.CreateAppClient().GetPageAsync("/discover?q=jazz&city=paris&when=Dates&from=2027-05-10&to=2027-05-01");

        Assert.Contains("before the first", page.QuerySelector("#to-error")!.TextContent);
        Assert.Equal("jazz", page.QuerySelector("#q")!.GetAttribute("value"));
        Assert.Equal("2027-05-10", page.QuerySelector("#from")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#city option[value=paris][selected]"));
    }

    [Fact]
    public async Task A_city_has_its_own_page_with_a_feed_to_subscribe_to_and_an_unknown_city_is_not_found()
    {
        app.Clock.Set(Now);
        var org = await app.OrganisationAsync();
        await app.PublicEventAsync(org, "Seoul Lantern Walk", "seoul", Soon);

        var page = await app.CreateAppClient().GetPageAsync("/cities/seoul");

        Assert.Equal("Events in Seoul", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Seoul Lantern Walk"], PublicEvents.Names(page));
        Assert.EndsWith("/cities/seoul", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.EndsWith("/feeds/cities/seoul.ics", page.QuerySelector("[data-testid=subscribe]")!.GetAttribute("href"));
        Assert.StartsWith("webcal://", page.QuerySelector("[data-testid=subscribe]")!.GetAttribute("href"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.CreateAppClient().GetAsync("/cities/atlantis")).StatusCode);
    }
}
