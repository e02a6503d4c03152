using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests;

public class EditTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<Guest> ReloadAsync(Guid id) => app.QueryAsync(db => db.Guests.AsNoTracking().SingleAsync(g => g.Id == id));

    private static Dictionary<string, string> Fields(params (string Field, string Value)[] fields) =>
        fields.ToDictionary(f => $"Input.{f.Field}", f => f.Value);

    [Fact]
    public async Task The_row_becomes_a_form_with_the_guests_values()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Ada", g => { g.Phone = "+447700900123"; g.Tags = ["a", "b"]; });

        var response = await client.GetHtmxAsync($"/events/{e.Id}/guests/edit/{guest.Id}?handler=row");
        var row = await AppClient.ParseRowAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(row.QuerySelector($"tr#guest-{guest.Id}[data-row-editor]"));
        Assert.Equal("+447700900123", row.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Phone']")!.Value);
        Assert.Equal("a, b", row.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Tags']")!.Value);
    }

    [Fact]
    public async Task Saving_a_row_changes_its_columns_and_keeps_the_rest_of_the_guest()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Ada", g => { g.Notes = "Keep me"; g.DietaryNeeds = "Vegan"; g.PlusOnesAllowed = 2; g.PlusOneNames = []; });

        var response = await client.PostHtmxAsync($"/events/{e.Id}/guests/edit/{guest.Id}?handler=row", Fields(
            ("FirstName", "Ada"), ("LastName", "Lovelace"), ("Phone", "07911 123999"), ("Email", ""), ("Side", "Bride"),
            ("Status", "Confirmed"), ("PlusOnesComing", "2"), ("TableName", "7"), ("Tags", "vip")));
        var row = await AppClient.ParseRowAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(row.QuerySelector("[data-field=name]") is not null, row.Body!.InnerHtml);
        Assert.Equal("Ada Lovelace", row.QuerySelector("[data-field=name]")!.TextContent);
        Assert.Contains("counts-changed", response.Headers.GetValues("HX-Trigger").Single());
        var saved = await ReloadAsync(guest.Id);
        Assert.Equal(("Lovelace", "+447911123999", null, GuestStatus.Confirmed, 2, "7"), (saved.LastName, saved.Phone, saved.Email, saved.Status, saved.PlusOnesComing, saved.TableName));
        Assert.Equal(("Keep me", "Vegan", 2), (saved.Notes, saved.DietaryNeeds, saved.PlusOnesAllowed));
    }

    [Fact]
    public async Task A_bad_row_comes_back_as_the_form_with_the_error_and_what_was_typed()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var other = await app.AddGuestAsync(e.Id, "Bea", g => g.Email = "bea@example.com");
        var guest = await app.AddGuestAsync(e.Id, "Ada");

        var response = await client.PostHtmxAsync($"/events/{e.Id}/guests/edit/{guest.Id}?handler=row", Fields(("FirstName", "Ada Changed"), ("Email", "BEA@example.com")));
        var row = await AppClient.ParseRowAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(row.QuerySelector("tr[data-row-editor]"));
        Assert.Equal("Bea already has this email address.", row.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.Trim());
        Assert.Equal($"/events/{e.Id}/guests/edit/{other.Id}", row.QuerySelector("a.duplicate-link")!.GetAttribute("href"));
        Assert.Equal("Ada Changed", row.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.FirstName']")!.Value);
        Assert.Equal("Ada", (await ReloadAsync(guest.Id)).FirstName);
    }

    [Fact]
    public async Task The_full_form_edits_every_field()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Ada");

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/edit/{guest.Id}",
            [.. Fields(("FirstName", "Ada"), ("Email", "ada@example.com"), ("PlusOnesAllowed", "1"), ("PlusOnesComing", "1"),
                ("PlusOneNames", "Charles Babbage"), ("DietaryNeeds", "Vegetarian"), ("Notes", "Line one\nLine two"))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await ReloadAsync(guest.Id);
        Assert.Equal(["Charles Babbage"], saved.PlusOneNames);
        Assert.Equal(("Vegetarian", "Line one\nLine two"), (saved.DietaryNeeds, saved.Notes));
    }

    [Fact]
    public async Task A_guests_own_language_is_saved_and_dropping_a_plus_one_drops_the_dietary_needs_they_gave()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Ada", g =>
        {
            g.PlusOnesAllowed = 2;
            g.PlusOnesComing = 2;
            g.PlusOneNames = ["Charles", "Mary"];
            g.PlusOneDietaryNeeds = ["vegan", "halal"];
        });

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/edit/{guest.Id}",
            [.. Fields(("FirstName", "Ada"), ("Email", guest.Email!), ("PlusOnesAllowed", "2"), ("PlusOnesComing", "1"), ("PlusOneNames", "Charles"),
                ("Language", "Spanish"))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await ReloadAsync(guest.Id);
        Assert.Equal(Language.Spanish, saved.Language);
        Assert.Equal(["vegan"], saved.PlusOneDietaryNeeds);
    }

    [Fact]
    public async Task Deleting_removes_the_guest_and_asks_the_table_to_refresh()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Ada");

        var response = await client.PostHtmxAsync($"/events/{e.Id}/guests/edit/{guest.Id}?handler=delete", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("guests-changed", response.Headers.GetValues("HX-Trigger").Single());
        Assert.False(await app.QueryAsync(db => db.Guests.AnyAsync(g => g.Id == guest.Id)));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "")]
    [InlineData("GET", "?handler=row")]
    [InlineData("POST", "?handler=row")]
    [InlineData("GET", "?handler=display")]
    [InlineData("POST", "?handler=delete")]
    public async Task An_editor_of_one_event_cannot_reach_a_guest_of_another_by_its_id(string method, string handler)
    {
        var (client, editor) = await app.LoggedInAsync();
        var mine = await app.CreateEventAsync(editor, "Mine");
        var theirs = await app.CreateEventAsync(await app.CreateUserAsync(), "Theirs");
        var guest = await app.AddGuestAsync(theirs.Id, "Secret", g => g.LastName = "Person");
        var fields = Fields(("FirstName", "Hacked"), ("Email", "hacked@example.com"));

        foreach (var eventId in new[] { mine.Id, theirs.Id })
        {
            var url = $"/events/{eventId}/guests/edit/{guest.Id}{handler}";
            var response = method == "GET" ? await client.GetAsync(url) : await client.PostFormAsync(url, [.. fields]);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Secret", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal("Secret", (await ReloadAsync(guest.Id)).FirstName);
    }
}
