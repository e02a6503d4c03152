using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests;

public class AddTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static (string, string)[] Form(params (string Field, string Value)[] fields) =>
        [.. fields.Select(f => ($"Input.{f.Field}", f.Value))];

    private Task<List<Guest>> GuestsAsync(Guid eventId) =>
        app.QueryAsync(db => db.Guests.AsNoTracking().Where(g => g.EventId == eventId).OrderBy(g => g.CreatedAt).ToListAsync());

    [Fact]
    public async Task Direction_controls_in_a_name_are_taken_out_so_they_cannot_turn_the_pages_text_around()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/add",
            Form(("FirstName", "\u202Egpj.exe"), ("LastName", "\u2067כהן\u2069"), ("Email", "bidi@example.com"), ("Notes", "ok\u202Bthen")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var guest = Assert.Single(await GuestsAsync(e.Id));
        Assert.Equal(("gpj.exe", "כהן", "okthen"), (guest.FirstName, guest.LastName, guest.Notes));
    }

    [Fact]
    public async Task Adding_a_guest_stores_the_phone_in_E164_with_the_events_country_and_who_added_them()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/add", Form(
            ("FirstName", "  Amira "), ("LastName", "Haddad"), ("Phone", "020 7946 0018"), ("Side", "Bride"), ("Tags", "family, ceremony,family"),
            ("PlusOnesAllowed", "2"), ("PlusOnesComing", "1"), ("PlusOneNames", "Sami Haddad"), ("Household", "The Haddads")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var guest = Assert.Single(await GuestsAsync(e.Id));
        Assert.Equal(("Amira", "Haddad", "+442079460018", "Bride"), (guest.FirstName, guest.LastName, guest.Phone, guest.Side));
        Assert.Equal(["family", "ceremony"], guest.Tags);
        Assert.Equal((2, 1), (guest.PlusOnesAllowed, guest.PlusOnesComing));
        Assert.Equal(["Sami Haddad"], guest.PlusOneNames);
        Assert.Equal((admin.Id, GuestStatus.Invited), (guest.AddedById, guest.Status));
        var household = await app.QueryAsync(db => db.Households.SingleAsync(h => h.Id == guest.HouseholdId));
        Assert.Equal((e.Id, "The Haddads"), (household.EventId, household.Name));
    }

    [Theory]
    [InlineData("GB")]
    [InlineData("IL")]
    public async Task The_phone_example_on_the_form_is_a_number_the_form_accepts(string country)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DefaultCountry, country)));

        var form = await client.GetPageAsync($"/events/{e.Id}/guests/add");
        var example = form.QuerySelector("#add-guest-form-phone")!.GetAttribute("placeholder")!;
        Assert.StartsWith("e.g. ", example);
        var response = await client.PostFormAsync($"/events/{e.Id}/guests/add", Form(("FirstName", "Example"), ("Phone", example["e.g. ".Length..])));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("+" + (country == "GB" ? "44" : "972"), Assert.Single(await GuestsAsync(e.Id)).Phone);
    }

    [Theory]
    [InlineData("+44 (0)20 7946 0018")]
    [InlineData("0044 20 7946 0018")]
    [InlineData("020-7946-0018")]
    [InlineData("020.7946.0018")]
    public async Task A_number_already_on_the_list_in_another_format_is_refused_with_a_link_to_that_guest(string typed)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var existing = await app.AddGuestAsync(e.Id, "Amira", g => { g.LastName = "Haddad"; g.Phone = "+442079460018"; });

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/add", Form(("FirstName", "Typed Again"), ("Phone", typed)));
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Amira Haddad already has this phone number.", page.QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent.Trim());
        Assert.Equal($"/events/{e.Id}/guests/edit/{existing.Id}", page.QuerySelector("a.duplicate-link")!.GetAttribute("href"));
        Assert.Equal("Typed Again", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#add-guest-form-first")!.Value);
        Assert.Single(await GuestsAsync(e.Id));
    }

    [Fact]
    public async Task The_same_email_in_other_letters_is_a_duplicate()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Jo", g => g.Email = "jo@example.com");

        var response = await client.PostHtmxAsync($"/events/{e.Id}/guests/add", Form(("FirstName", "Jo Again"), ("Email", "JO@Example.COM")).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Jo already has this email address.", html);
        Assert.StartsWith("<form id=\"add-guest-form\"", html.Trim());
        Assert.Single(await GuestsAsync(e.Id));
    }

    [Theory]
    [InlineData("Phone", "", "Add a phone number or an email address, so the invitation can reach this guest.")]
    [InlineData("Phone", "12", "That is not a valid number for United Kingdom (+44).")]
    [InlineData("Email", "not-an-email", "Enter an email address like name@example.com.")]
    [InlineData("FirstName", "", "Enter the guest's name.")]
    [InlineData("PlusOnesComing", "3", "Between 0 and 1 (the plus-ones allowed).")]
    [InlineData("PlusOneNames", "A\nB", "Name at most 1 plus-one (the number coming).")]
    public async Task Bad_input_is_refused_at_the_field_and_nothing_is_stored(string field, string value, string message)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var fields = new Dictionary<string, string> { ["FirstName"] = "Ok", ["Phone"] = "07700 900123", ["PlusOnesAllowed"] = "1", ["PlusOnesComing"] = "1", [field] = value };

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/add", Form([.. fields.Select(f => (f.Key, f.Value))]));
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(message, page.QuerySelector($"[data-valmsg-for='Input.{field}']")!.TextContent.Trim());
        Assert.Empty(await GuestsAsync(e.Id));
    }

    [Fact]
    public async Task An_htmx_add_returns_an_empty_form_for_the_next_guest_and_tells_the_table_to_refresh()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostHtmxAsync($"/events/{e.Id}/guests/add",
            new Dictionary<string, string> { ["Input.FirstName"] = "Ana", ["Input.Email"] = "ana@example.com", ["Input.Side"] = "Groom" });
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trigger = response.Headers.GetValues("HX-Trigger").Single();
        Assert.Contains("\"guests-changed\":true", trigger);
        Assert.Contains("\"message\":\"Ana added.\"", trigger);
        Assert.Equal("", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#add-guest-form-first")!.Value);
        Assert.Equal("Groom", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#add-guest-form-side")!.Value);
        Assert.Single(await GuestsAsync(e.Id));
    }

    [Fact]
    public async Task A_household_of_another_event_cannot_be_chosen()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var otherEvent = await app.CreateEventAsync(await app.CreateUserAsync(), "Someone else's");
        var foreign = await app.QueryAsync(async db =>
        {
            var h = new Household { Id = Guid.NewGuid(), EventId = otherEvent.Id, Name = "Theirs", CreatedAt = DateTime.UtcNow };
            db.Households.Add(h);
            await db.SaveChangesAsync();
            return h;
        });

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/add", Form(("FirstName", "Ana"), ("Email", "ana@example.com"), ("HouseholdId", foreign.Id.ToString())));
        var page = await AppClient.ParseAsync(response);

        Assert.Equal("That household is not part of this event.", page.QuerySelector("[data-valmsg-for='Input.Household']")!.TextContent.Trim());
        Assert.Empty(await GuestsAsync(e.Id));
    }

    [Fact]
    public async Task A_household_is_added_with_its_members_in_one_step()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/household",
            ("Name", "The Okafors"), ("Side", "Bride"),
            ("Members[0].FirstName", "Ngozi"), ("Members[0].LastName", "Okafor"), ("Members[0].Phone", "07911 123456"),
            ("Members[1].FirstName", "Chidi"), ("Members[1].Email", "chidi@example.com"),
            ("Members[2].FirstName", ""), ("Members[3].FirstName", ""));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", (await AppClient.ParseAsync(response)).QuerySelectorAll(".field-validation-error").Select(x => x.TextContent)));
        var guests = await GuestsAsync(e.Id);
        Assert.Equal(["Ngozi", "Chidi"], guests.Select(g => g.FirstName).Order(StringComparer.Ordinal).Reverse());
        Assert.All(guests, g => Assert.Equal("Bride", g.Side));
        Assert.Single(guests.Select(g => g.HouseholdId).Distinct());
        Assert.Equal("+447911123456", guests.Single(g => g.FirstName == "Ngozi").Phone);
    }

    [Fact]
    public async Task A_household_with_a_bad_member_stores_nobody_and_shows_the_error_at_that_member()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/household",
            ("Name", "The Okafors"), ("Members[0].FirstName", "Ngozi"), ("Members[0].Email", "n@example.com"),
            ("Members[1].FirstName", "Chidi"), ("Members[1].Phone", "123"));
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not a valid number", page.QuerySelector("#member-1-Phone")!.ParentElement!.TextContent);
        Assert.Equal("123", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#member-1-Phone")!.Value);
        Assert.Empty(await GuestsAsync(e.Id));
        Assert.Equal(0, await app.QueryAsync(db => db.Households.CountAsync(h => h.EventId == e.Id)));
    }

    [Fact]
    public async Task Another_household_member_row_comes_with_the_button_for_the_next_one_until_the_limit()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var fifth = await (await client.GetHtmxAsync($"/events/{e.Id}/guests/household?handler=member&index=4")).Content.ReadAsStringAsync();
        var last = await (await client.GetHtmxAsync($"/events/{e.Id}/guests/household?handler=member&index=11")).Content.ReadAsStringAsync();
        var beyond = await client.GetHtmxAsync($"/events/{e.Id}/guests/household?handler=member&index=12");

        Assert.Contains("name=\"Members[4].FirstName\"", fifth);
        Assert.Contains("hx-get=\"?handler=member&index=5\"", fifth);
        Assert.Contains("name=\"Members[11].FirstName\"", last);
        Assert.Contains("That's the most people for one household.", System.Net.WebUtility.HtmlDecode(last));
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
    }
}
