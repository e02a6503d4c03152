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
