using System.Net;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage;

public class EditTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_edit_form_shows_the_start_in_the_events_own_zone()
    {
        var (client, admin) = await app.LoggedInAsync("Admin");
        var e = await app.CreateEventAsync(admin, "Sydney Gala", "Australia/Sydney");

        var page = await client.GetPageAsync($"/events/{e.Id}/edit");

        Assert.Equal("2027-06-12T15:00", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_StartsAt")!.Value);
        Assert.Equal("Australia/Sydney", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Input_TimeZoneId")!.Value);
    }

    [Fact]
    public async Task Saving_changes_updates_the_event_and_moving_it_to_another_zone_keeps_the_wall_clock_time()
    {
        var (client, admin) = await app.LoggedInAsync("Admin");
        var e = await app.CreateEventAsync(admin, "Before");

        var response = await client.PostFormAsync($"/events/{e.Id}/edit",
            ("Input.Name", "After"), ("Input.StartsAt", "2027-06-12T15:00"), ("Input.EndsAt", "2027-06-12T23:00"),
            ("Input.TimeZoneId", "Europe/Paris"), ("Input.DefaultCountry", "FR"), ("Input.Venue", "Château"), ("Input.Description", "Line 1\nLine 2"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.QueryAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == e.Id));
        Assert.Equal(("After", "Europe/Paris", "FR", "Château"), (saved.Name, saved.TimeZoneId, saved.DefaultCountry, saved.Venue));
        Assert.Equal(new DateTime(2027, 6, 12, 13, 0, 0, DateTimeKind.Utc), saved.StartsAt);
        Assert.Equal(new DateTime(2027, 6, 12, 21, 0, 0, DateTimeKind.Utc), saved.EndsAt);
    }

    [Theory]
    [InlineData("Hebrew", 302)]
    [InlineData("Klingon", 200)]
    public async Task The_language_guests_read_is_chosen_on_the_event_and_an_unknown_one_is_an_error_at_the_field(string language, int status)
    {
        var (client, admin) = await app.LoggedInAsync("Admin");
        var e = await app.CreateEventAsync(admin, "Tel Aviv Party");

        var response = await client.PostFormAsync($"/events/{e.Id}/edit",
            ("Input.Name", "Tel Aviv Party"), ("Input.StartsAt", "2027-06-12T15:00"), ("Input.TimeZoneId", "Asia/Jerusalem"), ("Input.DefaultCountry", "IL"),
            ("Input.Language", language));

        Assert.Equal(status, (int)response.StatusCode);
        var saved = await app.QueryAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == e.Id));
        Assert.Equal(status == 302 ? EventEngine.Web.Domain.Language.Hebrew : EventEngine.Web.Domain.Language.English, saved.Language);
        if (status == 200)
            Assert.Contains("not valid", (await AppClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.Language']")!.TextContent);
    }

    [Fact]
    public async Task A_refused_edit_leaves_the_saved_event_untouched()
    {
        var (client, admin) = await app.LoggedInAsync("Admin");
        var e = await app.CreateEventAsync(admin, "Untouched");

        var response = await client.PostFormAsync($"/events/{e.Id}/edit",
            ("Input.Name", "Changed"), ("Input.StartsAt", "2027-06-12T15:00"), ("Input.EndsAt", "2027-06-11T15:00"),
            ("Input.TimeZoneId", "Europe/London"), ("Input.DefaultCountry", "GB"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Untouched", await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).Select(x => x.Name).SingleAsync()));
        Assert.Equal("Changed", (await AppClient.ParseAsync(response)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
    }
}
