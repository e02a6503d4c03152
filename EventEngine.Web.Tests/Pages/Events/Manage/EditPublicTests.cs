using Microsoft.Extensions.DependencyInjection;
using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace EventEngine.Web.Tests.Pages.Events.Manage;

public class EditPublicTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static byte[] Picture(int width, int height, SKEncodedImageFormat format, byte alpha = 255)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(30, 120, 200, alpha));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    private static List<KeyValuePair<string, string>> Fields(Guid cityId, params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Harbour Jazz",
            ["Input.Summary"] = "Jazz by the water.",
            ["Input.StartsAt"] = "2027-06-12T20:00",
            ["Input.CityId"] = cityId.ToString(),
            ["Input.Category"] = "Music",
            ["Input.AttendanceMode"] = "Offline",
            ["Input.Venue"] = "Pier 4",
        };
        foreach (var (name, value) in changes) fields[name] = value;
        return fields.ToList();
    }

    private async Task<(AppClient Client, Event Event, Guid LisbonId)> PublicEventAsync()
    {
        var (client, user) = await app.LoggedInAsync("Organiser");
        var org = await app.OrganisationAsync();
        var e = await app.PublicEventAsync(org, "Harbour Jazz", "lisbon", new DateTime(2027, 6, 12, 20, 0, 0), status: EventStatus.Draft, admin: user,
            more: x => (x.Venue, x.Summary) = ("Pier 4", "Jazz by the water."));
        var lisbon = await app.QueryAsync(db => db.Cities.Where(c => c.Slug == "lisbon").Select(c => c.Id).SingleAsync());
        return (client, e, lisbon);
    }

    [Fact]
    public async Task An_organiser_changes_the_public_details_with_a_price_and_a_picture_and_the_log_says_what_changed()
    {
        var (client, e, lisbon) = await PublicEventAsync();
        var url = $"/events/{e.Id}/editpublic";
        Assert.Equal("Harbour Jazz", (await client.GetPageAsync(url)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
        // The private event form sends public events here.
        Assert.Equal(url, (await client.GetAsync($"/events/{e.Id}/edit")).Headers.Location!.OriginalString);

        var saved = await client.PostMultipartAsync(url, Fields(lisbon, ("Input.PriceFrom", "15"), ("Input.Currency", "EUR"), ("Input.Venue", "Pier 5")),
            ("Input.Image", "photo.jpg", Picture(2400, 1200, SKEncodedImageFormat.Png)));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await app.QueryAsync(db => db.Events.SingleAsync(x => x.Id == e.Id));
        Assert.Equal((15m, "EUR", "Pier 5"), (after.PriceFrom, after.Currency, after.Venue));
        var image = await app.QueryAsync(db => db.Images.SingleAsync(i => i.Id == after.ImageId));
        // An opaque PNG is kept as a JPEG, shrunk to 1600 wide, and served from its own address.
        Assert.Equal("image/jpeg", image.ContentType);
        using (var decoded = SKBitmap.Decode(image.Bytes)) Assert.Equal((1600, 800), (decoded.Width, decoded.Height));
        var served = await app.CreateAppClient().GetAsync($"/images/{image.Id}");
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString());
        var log = await app.QueryAsync(db => db.EventActivities.Where(a => a.EventId == e.Id && a.Kind == ActivityKind.EventEdited).SingleAsync());
        Assert.Contains("Venue: Pier 4 → Pier 5", log.Detail);
        Assert.Contains("Price: Free → From €15", log.Detail);

        // Taking the picture off deletes it.
        await client.PostMultipartAsync(url, Fields(lisbon, ("Input.RemoveImage", "true")));
        Assert.Null(await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).Select(x => x.ImageId).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.Images.AnyAsync(i => i.Id == image.Id)));
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_or_a_price_without_a_currency_is_explained_at_its_field_and_nothing_is_saved()
    {
        var (client, e, lisbon) = await PublicEventAsync();
        var url = $"/events/{e.Id}/editpublic";

        var fake = await AppClient.ParseAsync(await client.PostMultipartAsync(url, Fields(lisbon, ("Input.Name", "Renamed")),
            ("Input.Image", "cat.png", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray())));
        Assert.Contains("isn't a picture we can read", fake.QuerySelector("[data-valmsg-for='Input.Image']")!.TextContent);
        Assert.Equal("Renamed", fake.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);

        var priced = await AppClient.ParseAsync(await client.PostMultipartAsync(url, Fields(lisbon, ("Input.PriceFrom", "12"))));
        Assert.Contains("currency", priced.QuerySelector("[data-valmsg-for='Input.Currency']")!.TextContent);
        var negative = await AppClient.ParseAsync(await client.PostMultipartAsync(url, Fields(lisbon, ("Input.PriceFrom", "-3"), ("Input.Currency", "EUR"))));
        Assert.Contains("leave it blank if the event is free", negative.QuerySelector("[data-valmsg-for='Input.PriceFrom']")!.TextContent);
        var madeUp = await AppClient.ParseAsync(await client.PostMultipartAsync(url, Fields(lisbon, ("Input.PriceFrom", "3"), ("Input.Currency", "XQQ"))));
        Assert.Contains("from the list", madeUp.QuerySelector("[data-valmsg-for='Input.Currency']")!.TextContent);

        var after = await app.QueryAsync(db => db.Events.SingleAsync(x => x.Id == e.Id));
        Assert.Equal(("Harbour Jazz", null, null), (after.Name, after.PriceFrom, after.ImageId));
        Assert.False(await app.QueryAsync(db => db.EventActivities.AnyAsync(a => a.EventId == e.Id && a.Kind == ActivityKind.EventEdited)));
    }

    [Fact]
    public async Task The_organiser_sets_the_places_and_a_doubtful_number_is_explained_at_its_field_keeping_what_was_typed()
    {
        var (client, e, lisbon) = await PublicEventAsync();
        var url = $"/events/{e.Id}/editpublic";

        var refused = await AppClient.ParseAsync(await client.PostMultipartAsync(url,
            Fields(lisbon, ("Input.Capacity", "40"), ("Input.PlacesPerPerson", "0"), ("Input.OfferHours", "12"))));
        Assert.Contains("from 1 to 20 places", refused.QuerySelector("[data-valmsg-for='Input.PlacesPerPerson']")!.TextContent);
        Assert.Equal("40", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Capacity")!.Value);
        Assert.Null(await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).Select(x => x.Capacity).SingleAsync()));

        var saved = await client.PostMultipartAsync(url, Fields(lisbon, ("Input.Capacity", "40"), ("Input.PlacesPerPerson", "3"), ("Input.OfferHours", "12")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await app.QueryAsync(db => db.Events.SingleAsync(x => x.Id == e.Id));
        Assert.Equal((40, 3, 12), (after.Capacity, after.PlacesPerPerson, after.OfferHours));
        var log = await app.QueryAsync(db => db.EventActivities.Where(a => a.EventId == e.Id && a.Kind == ActivityKind.EventEdited).SingleAsync());
        Assert.Contains("Places: No registration here → 40, up to 3 per person, offers last 12 h", log.Detail);
        Assert.Equal("40", (await client.GetPageAsync(url)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Capacity")!.Value);
    }

    [Fact]
    public async Task The_organiser_makes_it_repeat_and_its_dates_are_made_and_shown_with_the_rule_read_back_into_the_form()
    {
        var (client, e, lisbon) = await PublicEventAsync();
        var url = $"/events/{e.Id}/editpublic";

        var saved = await client.PostMultipartAsync(url, Fields(lisbon, ("Input.Repeat", "Weekly"), ("Input.RepeatDays", "Saturday"), ("Input.RepeatEnds", "AfterCount"),
            ("Input.RepeatCount", "4"), ("Input.RepeatSkipped", "2027-06-19"), ("Input.EndsAt", "2027-06-12T22:00")));

        Assert.Equal($"/events/{e.Id}/dates", saved.Headers.Location!.OriginalString);
        var days = await app.QueryAsync(db => db.Occurrences.Where(o => o.EventId == e.Id).OrderBy(o => o.Day).Select(o => o.Day.ToString("yyyy-MM-dd")).ToListAsync());
        Assert.Equal(["2027-06-12", "2027-06-26", "2027-07-03"], days);
        var dates = await client.GetPageAsync($"/events/{e.Id}/dates");
        Assert.Equal("Every week on Saturday at 20:00, 4 times (Europe/Lisbon)", dates.QuerySelector("[data-testid=repeat-rule]")!.TextContent.Trim());
        Assert.Equal(3, dates.QuerySelectorAll("[data-testid=date]").Length);
        var log = await app.QueryAsync(db => db.EventActivities.Where(a => a.EventId == e.Id && a.Kind == ActivityKind.EventEdited).SingleAsync());
        Assert.Contains("Repeats: (empty) → Every week on Saturday at 20:00, 4 times; skipping 2027-06-19", log.Detail);
        var form = await client.GetPageAsync(url);
        Assert.Equal("Weekly", form.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Input_Repeat")!.Value);
        Assert.True(form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#repeat-Saturday")!.IsChecked);
        Assert.Equal("4", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_RepeatCount")!.Value);
        Assert.Equal("2027-06-19", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_RepeatSkipped")!.Value);
    }

    [Fact]
    public async Task Doubtful_repeat_fields_are_explained_at_each_field_keeping_what_was_typed_and_nothing_is_saved()
    {
        var (client, e, lisbon) = await PublicEventAsync();
        var url = $"/events/{e.Id}/editpublic";

        var refused = await AppClient.ParseAsync(await client.PostMultipartAsync(url, Fields(lisbon, ("Input.Repeat", "Weekly"), ("Input.RepeatEnds", "AfterCount"),
            ("Input.RepeatSkipped", "2027-06-19, next tuesday"), ("Input.RepeatAdded", "2027-02-30"))));
        var tooOften = await AppClient.ParseAsync(await client.PostMultipartAsync(url, Fields(lisbon, ("Input.Repeat", "Daily"), ("Input.RepeatEvery", "40"))));

        Assert.Contains("Say how many dates", refused.QuerySelector("[data-valmsg-for='Input.RepeatCount']")!.TextContent);
        Assert.Contains("“next” isn't a date", refused.QuerySelector("[data-valmsg-for='Input.RepeatSkipped']")!.TextContent);
        Assert.Contains("“2027-02-30” isn't a date", refused.QuerySelector("[data-valmsg-for='Input.RepeatAdded']")!.TextContent);
        Assert.Contains("every 1 to 12", tooOften.QuerySelector("[data-valmsg-for='Input.RepeatEvery']")!.TextContent);
        Assert.Equal("2027-06-19, next tuesday", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_RepeatSkipped")!.Value);
        Assert.Null(await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).Select(x => x.RepeatRule).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.Occurrences.AnyAsync(o => o.EventId == e.Id)));
    }

    [Fact]
    public async Task A_series_with_people_registered_keeps_repeating_until_those_dates_are_cancelled()
    {
        var (client, e, lisbon) = await PublicEventAsync();
        var url = $"/events/{e.Id}/editpublic";
        await client.PostMultipartAsync(url, Fields(lisbon, ("Input.Repeat", "Weekly"), ("Input.RepeatEnds", "AfterCount"), ("Input.RepeatCount", "2"),
            ("Input.Capacity", "5")));
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, EventStatus.Published)));
        var date = await app.QueryAsync(db => db.Occurrences.Where(o => o.EventId == e.Id).OrderBy(o => o.Day).FirstAsync());
        await app.Services.GetRequiredService<EventEngine.Web.Registrations.Capacity>().RegisterAsync(new(e.Id, null, "Ann", "ann@example.com", 1, true, date.Id));

        var refused = await AppClient.ParseAsync(await client.PostMultipartAsync(url, Fields(lisbon, ("Input.Repeat", "Never"), ("Input.Capacity", "5"))));

        Assert.Contains("People are registered for dates of this series", refused.QuerySelector("[data-valmsg-for='Input.Repeat']")!.TextContent);
        Assert.NotNull(await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).Select(x => x.RepeatRule).SingleAsync()));
    }

    [Fact]
    public async Task A_logo_with_transparency_stays_a_PNG_and_a_viewer_cannot_edit()
    {
        var (client, e, lisbon) = await PublicEventAsync();
        await client.PostMultipartAsync($"/events/{e.Id}/editpublic", Fields(lisbon),
            ("Input.Image", "logo.webp", Picture(300, 200, SKEncodedImageFormat.Webp, alpha: 100)));
        var imageId = await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).Select(x => x.ImageId).SingleAsync());
        Assert.Equal("image/png", await app.QueryAsync(db => db.Images.Where(i => i.Id == imageId).Select(i => i.ContentType).SingleAsync()));

        var (viewer, viewerUser) = await app.LoggedInAsync("Viewer");
        await app.QueryAsync(db =>
        {
            db.EventMembers.Add(new EventMember { EventId = e.Id, UserId = viewerUser.Id, Role = EventRole.Viewer, JoinedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/events/{e.Id}/editpublic")).StatusCode);
    }
}
