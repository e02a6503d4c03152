using System.Net;
using System.Text.Json;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Calendar = Ical.Net.Calendar;
using EventStatus = EventEngine.Web.Domain.EventStatus;
using EventEngine.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Tests.Pages.Catalog;

public class EventPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<Event> PublicEventAsync(EventStatus status, AttendanceMode mode = AttendanceMode.Offline)
    {
        var owner = await app.CreateUserAsync("Owner");
        var now = DateTime.UtcNow;
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Sydney Jazz <Club>", Slug = $"jazz-{Guid.NewGuid():N}"[..20], Website = "https://jazz.example.org", CreatedAt = now };
        await app.QueryAsync(db =>
        {
            db.Organisations.Add(organisation);
            return db.SaveChangesAsync();
        });
        var e = await app.CreateEventAsync(owner, "Late Night Jazz </script>", "Australia/Sydney");
        var sydney = await app.QueryAsync(db => db.Cities.SingleAsync(c => c.Slug == "sydney"));
        // 20:00 on 4 April 2027 in Sydney: the first evening after summer time ends (AEST, +10:00).
        var starts = EventTime.ToUtc(new DateTime(2027, 4, 4, 20, 0, 0), "Australia/Sydney");
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(x => x
            .SetProperty(v => v.Visibility, EventVisibility.Public).SetProperty(v => v.OrganisationId, organisation.Id)
            .SetProperty(v => v.Status, status).SetProperty(v => v.CityId, sydney.Id).SetProperty(v => v.Category, EventCategory.Music)
            .SetProperty(v => v.StartsAt, starts).SetProperty(v => v.EndsAt, starts.AddHours(3))
            .SetProperty(v => v.Venue, "The Basement").SetProperty(v => v.Address, "7 Macquarie Place")
            .SetProperty(v => v.Summary, "Three sets.").SetProperty(v => v.AttendanceMode, mode)
            .SetProperty(v => v.OnlineUrl, mode == AttendanceMode.Offline ? null : "https://stream.example.org/jazz")));
        return await app.QueryAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == e.Id));
    }

    private static JsonElement JsonLd(AngleSharp.Html.Dom.IHtmlDocument page) =>
        JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;

    [Fact]
    public async Task A_published_event_has_one_address_and_the_structured_data_search_engines_require()
    {
        var e = await PublicEventAsync(EventStatus.Published);
        var visitor = app.CreateAppClient();

        var shortLink = await visitor.GetAsync($"/e/{e.Id}");
        Assert.Equal(HttpStatusCode.MovedPermanently, shortLink.StatusCode);
        var path = shortLink.Headers.Location!.OriginalString;
        Assert.Equal($"/e/{e.Id}/late-night-jazz-script", path);
        var page = await visitor.GetPageAsync(path);

        var ld = JsonLd(page);
        Assert.Equal("Event", ld.GetProperty("@type").GetString());
        Assert.Equal("Late Night Jazz </script>", ld.GetProperty("name").GetString());
        Assert.Equal("2027-04-04T20:00:00+10:00", ld.GetProperty("startDate").GetString());
        Assert.Equal("2027-04-04T23:00:00+10:00", ld.GetProperty("endDate").GetString());
        Assert.Equal("https://schema.org/EventScheduled", ld.GetProperty("eventStatus").GetString());
        Assert.Equal("https://schema.org/OfflineEventAttendanceMode", ld.GetProperty("eventAttendanceMode").GetString());
        var location = ld.GetProperty("location");
        Assert.Equal(("Place", "The Basement"), (location.GetProperty("@type").GetString(), location.GetProperty("name").GetString()));
        var address = location.GetProperty("address");
        Assert.Equal(("7 Macquarie Place", "Sydney", "AU"), (address.GetProperty("streetAddress").GetString(), address.GetProperty("addressLocality").GetString(), address.GetProperty("addressCountry").GetString()));
        Assert.Equal(("Sydney Jazz <Club>", "https://jazz.example.org"), (ld.GetProperty("organizer").GetProperty("name").GetString(), ld.GetProperty("organizer").GetProperty("url").GetString()));
        var baseUrl = app.Services.GetRequiredService<IOptions<AppOptions>>().Value.BaseUrl.TrimEnd('/');
        Assert.Equal(baseUrl + path, ld.GetProperty("url").GetString());
        Assert.Equal(baseUrl + path, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("Late Night Jazz </script>", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Contains("(Sydney time)", page.QuerySelector("[data-testid=public-when]")!.TextContent);
    }

    [Fact]
    public async Task Online_and_mixed_events_name_their_virtual_location_and_a_cancelled_one_says_so_everywhere()
    {
        var mixed = await PublicEventAsync(EventStatus.Cancelled, AttendanceMode.Mixed);

        var page = await app.CreateAppClient().GetPageAsync(EventEngine.Web.Pages.Catalog.EventModel.PathOf(mixed));

        var ld = JsonLd(page);
        Assert.Equal("https://schema.org/EventCancelled", ld.GetProperty("eventStatus").GetString());
        Assert.Equal("https://schema.org/MixedEventAttendanceMode", ld.GetProperty("eventAttendanceMode").GetString());
        var locations = ld.GetProperty("location").EnumerateArray().ToList();
        Assert.Equal(["Place", "VirtualLocation"], locations.Select(l => l.GetProperty("@type").GetString()));
        Assert.Equal("https://stream.example.org/jazz", locations[1].GetProperty("url").GetString());
        Assert.NotNull(page.QuerySelector("[data-testid=cancelled]"));

        var calendar = Calendar.Load(await (await app.CreateAppClient().GetAsync($"/e/{mixed.Id}?handler=calendar")).Content.ReadAsStringAsync())!;
        var entry = Assert.Single(calendar.Events);
        Assert.Equal(("CANCELLED", $"{mixed.Id:N}@eventengine"), (entry.Status, entry.Uid));
        Assert.Equal(new DateTime(2027, 4, 4, 20, 0, 0), entry.DtStart!.Value);
        Assert.Equal("Australia/Sydney", entry.DtStart.TzId);
    }

    [Fact]
    public async Task A_priced_event_with_a_picture_offers_its_price_and_shows_the_picture_to_search_engines_and_sharers()
    {
        var e = await PublicEventAsync(EventStatus.Published);
        var image = EventEngine.Web.Publishing.ImageUpload.Read(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), DateTime.UtcNow).Image!;
        await app.QueryAsync(async db =>
        {
            db.Images.Add(image);
            await db.SaveChangesAsync();
            return await db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.ImageId, image.Id)
                .SetProperty(v => v.PriceFrom, 25m).SetProperty(v => v.Currency, "AUD").SetProperty(v => v.RegistrationUrl, "https://tickets.example.org/jazz"));
        });

        var page = await app.CreateAppClient().GetPageAsync(EventEngine.Web.Pages.Catalog.EventModel.PathOf(e));

        var ld = JsonLd(page);
        var baseUrl = app.Services.GetRequiredService<IOptions<AppOptions>>().Value.BaseUrl.TrimEnd('/');
        Assert.Equal($"{baseUrl}/images/{image.Id}", ld.GetProperty("image").GetString());
        var offer = ld.GetProperty("offers");
        Assert.Equal(("Offer", 25m, "AUD", "https://tickets.example.org/jazz"), (offer.GetProperty("@type").GetString(), offer.GetProperty("price").GetDecimal(),
            offer.GetProperty("priceCurrency").GetString(), offer.GetProperty("url").GetString()));
        Assert.Equal($"{baseUrl}/images/{image.Id}", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Equal("From A$25", page.QuerySelector("[data-testid=public-price]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_free_event_offers_a_price_of_nothing()
    {
        var e = await PublicEventAsync(EventStatus.Published);

        var offer = JsonLd(await app.CreateAppClient().GetPageAsync(EventEngine.Web.Pages.Catalog.EventModel.PathOf(e))).GetProperty("offers");

        Assert.Equal(0m, offer.GetProperty("price").GetDecimal());
        Assert.False(offer.TryGetProperty("priceCurrency", out _));
    }

    [Theory]
    [InlineData(EventStatus.Draft)]
    [InlineData(EventStatus.InReview)]
    public async Task An_event_not_yet_published_is_not_found(EventStatus status)
    {
        var e = await PublicEventAsync(status);

        var page = await app.CreateAppClient().GetAsync(EventEngine.Web.Pages.Catalog.EventModel.PathOf(e));
        var calendar = await app.CreateAppClient().GetAsync($"/e/{e.Id}?handler=calendar");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, calendar.StatusCode));
        Assert.DoesNotContain("Late Night Jazz", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_private_event_is_never_shown_here()
    {
        var owner = await app.CreateUserAsync("Private");
        var e = await app.CreateEventAsync(owner, "Family Wedding");

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAppClient().GetAsync($"/e/{e.Id}/family-wedding")).StatusCode);
    }
}

public class OrganisationPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_organisations_page_lists_its_upcoming_published_events_only()
    {
        var owner = await app.CreateUserAsync("Owner");
        var now = DateTime.UtcNow;
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Harbour Hall", Slug = $"harbour-{Guid.NewGuid():N}"[..20], Description = "Concerts by the sea.", CreatedAt = now };
        await app.QueryAsync(db =>
        {
            db.Organisations.Add(organisation);
            return db.SaveChangesAsync();
        });
        async Task AddAsync(string name, EventStatus status, int days)
        {
            var e = await app.CreateEventAsync(owner, name);
            await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(x => x
                .SetProperty(v => v.Visibility, EventVisibility.Public).SetProperty(v => v.OrganisationId, organisation.Id)
                .SetProperty(v => v.Status, status).SetProperty(v => v.StartsAt, now.AddDays(days)).SetProperty(v => v.EndsAt, (DateTime?)null)));
        }
        await AddAsync("Later Concert", EventStatus.Published, 20);
        await AddAsync("Sooner Concert", EventStatus.Published, 10);
        await AddAsync("Called Off", EventStatus.Cancelled, 15);
        await AddAsync("Secret Draft", EventStatus.Draft, 5);
        await AddAsync("Last Year", EventStatus.Published, -300);

        var page = await app.CreateAppClient().GetPageAsync($"/orgs/{organisation.Slug}");

        Assert.Equal(["Sooner Concert", "Called Off", "Later Concert"],
            page.QuerySelectorAll("[data-testid=catalog-item] h3").Select(h => h.TextContent.Trim()));
        Assert.Contains("cancelled", page.QuerySelectorAll("[data-testid=catalog-item]")[1].TextContent);
        Assert.Contains("Concerts by the sea.", page.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAppClient().GetAsync("/orgs/no-such-organisation")).StatusCode);
    }
}
