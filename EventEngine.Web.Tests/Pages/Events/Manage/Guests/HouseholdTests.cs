using System.Net;
using AngleSharp.Html.Dom;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Rsvp;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests;

/// <summary>Households as families are: one household link answers for everyone, so only one member needs an address.</summary>
public class HouseholdTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<List<Guest>> GuestsAsync(Guid eventId) =>
        app.QueryAsync(db => db.Guests.AsNoTracking().Where(g => g.EventId == eventId).OrderBy(g => g.FirstName).ToListAsync());

    private static string ErrorAt(IHtmlDocument page, string inputId) =>
        page.QuerySelector($"#{inputId}")!.ParentElement!.QuerySelector(".field-validation-error")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task A_family_with_a_child_who_has_no_phone_or_email_is_added_with_each_persons_details()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/household",
            ("Name", "The Ramans"),
            ("Members[0].FirstName", "Priya"), ("Members[0].LastName", "Raman"), ("Members[0].Email", "priya@example.com"), ("Members[0].PlusOnesAllowed", "1"),
            ("Members[1].FirstName", "Arjun"), ("Members[1].LastName", "Raman"), ("Members[1].DietaryNeeds", "Vegetarian"),
            ("Members[2].FirstName", "Maya"), ("Members[2].LastName", "Raman"), ("Members[2].IsChild", "true"), ("Members[2].DietaryNeeds", "No nuts"),
            ("Members[3].FirstName", ""));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", (await AppClient.ParseAsync(response)).QuerySelectorAll(".field-validation-error").Select(x => x.TextContent)));
        var guests = await GuestsAsync(e.Id);
        Assert.Equal(["Arjun", "Maya", "Priya"], guests.Select(g => g.FirstName));
        Assert.Single(guests.Select(g => g.HouseholdId).Distinct());
        var (arjun, maya, priya) = (guests[0], guests[1], guests[2]);
        Assert.Equal((null, null, "Vegetarian", false), (arjun.Phone, arjun.Email, arjun.DietaryNeeds, arjun.IsChild));
        Assert.Equal((null, null, "No nuts", true), (maya.Phone, maya.Email, maya.DietaryNeeds, maya.IsChild));
        Assert.Equal(("priya@example.com", 1, false), (priya.Email, priya.PlusOnesAllowed, priya.IsChild));
    }

    [Fact]
    public async Task A_household_no_one_in_which_can_be_reached_is_refused_at_the_first_person_and_keeps_what_was_typed()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostFormAsync($"/events/{e.Id}/guests/household",
            ("Name", "The Unreachables"), ("Members[0].FirstName", "Ann"), ("Members[1].FirstName", "Ben"), ("Members[1].IsChild", "true"));
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Add a phone number or an email address for at least one person, so the household's invitation can reach them.", ErrorAt(page, "member-0-Phone"));
        Assert.Equal("Ben", page.QuerySelector<IHtmlInputElement>("#member-1-FirstName")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#member-1-IsChild")!.IsChecked);
        Assert.Empty(await GuestsAsync(e.Id));
        Assert.Equal(0, await app.QueryAsync(db => db.Households.CountAsync(h => h.EventId == e.Id)));
    }

    [Fact]
    public async Task A_child_without_an_address_joins_a_household_that_has_one_but_not_a_household_without()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var parent = Assert.Single(await app.AddHouseholdAsync(e.Id, "Okafor", ("Ngozi", 0)));

        var joined = await client.PostFormAsync($"/events/{e.Id}/guests/add",
            ("Input.FirstName", "Ada"), ("Input.IsChild", "true"), ("Input.Household", " OKAFOR "));
        var alone = await client.PostFormAsync($"/events/{e.Id}/guests/add", ("Input.FirstName", "Obi"), ("Input.Household", "The Newcomers"));
        var nowhere = await client.PostFormAsync($"/events/{e.Id}/guests/add", ("Input.FirstName", "Zed"));

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var ada = Assert.Single(await GuestsAsync(e.Id), g => g.FirstName == "Ada");
        Assert.Equal((parent.HouseholdId, true, null, null), (ada.HouseholdId, ada.IsChild, ada.Phone, ada.Email));
        Assert.Equal("Add a phone number or an email address: no one else in The Newcomers has one, so the household's invitation could not reach them.",
            (await AppClient.ParseAsync(alone)).QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent.Trim());
        Assert.Equal("Add a phone number or an email address, so the invitation can reach this guest.",
            (await AppClient.ParseAsync(nowhere)).QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent.Trim());
        Assert.Equal(["Ada", "Ngozi"], (await GuestsAsync(e.Id)).Select(g => g.FirstName));
        Assert.False(await app.QueryAsync(db => db.Households.AnyAsync(h => h.EventId == e.Id && h.Name == "The Newcomers")));
    }

    [Fact]
    public async Task The_only_member_a_households_invitation_reaches_keeps_an_address_and_stays_in_it()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var parent = Assert.Single(await app.AddHouseholdAsync(e.Id, "Okafor", ("Ngozi", 0)));
        await app.AddGuestAsync(e.Id, "Ada", g => { g.HouseholdId = parent.HouseholdId; g.Email = null; g.IsChild = true; });
        var edit = $"/events/{e.Id}/guests/edit/{parent.Id}";

        var withoutEmail = await client.PostFormAsync(edit, ("Input.FirstName", "Ngozi"), ("Input.LastName", "Okafor"), ("Input.Email", ""), ("Input.HouseholdId", parent.HouseholdId.ToString()!));
        var leaving = await client.PostFormAsync(edit, ("Input.FirstName", "Ngozi"), ("Input.LastName", "Okafor"), ("Input.Email", parent.Email!), ("Input.HouseholdId", ""));

        var message = "Ngozi is the only one in Okafor with a phone number or email, and the household's invitation reaches the others through them. Keep one, or add one to another member first.";
        Assert.Equal(message, (await AppClient.ParseAsync(withoutEmail)).QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent.Trim());
        Assert.Equal(message, (await AppClient.ParseAsync(leaving)).QuerySelector("[data-valmsg-for='Input.Household']")!.TextContent.Trim());
        var stored = await app.QueryAsync(db => db.Guests.AsNoTracking().SingleAsync(g => g.Id == parent.Id));
        Assert.Equal((parent.Email, parent.HouseholdId), (stored.Email, stored.HouseholdId));
    }

    [Fact]
    public async Task A_child_shows_as_a_child_in_the_guest_list()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var parent = Assert.Single(await app.AddHouseholdAsync(e.Id, "Okafor", ("Ngozi", 0)));
        var child = await app.AddGuestAsync(e.Id, "Ada", g => { g.HouseholdId = parent.HouseholdId; g.Email = null; g.IsChild = true; });

        var page = await client.GetPageAsync($"/events/{e.Id}/guests");

        Assert.Equal("Child", page.QuerySelector($"#guest-{child.Id} .child-badge")!.TextContent.Trim());
        Assert.Null(page.QuerySelector($"#guest-{parent.Id} .child-badge"));
    }

    /// <summary>
    /// Two households of one name, as imports of two files can make, one member each; the first is a day older, so it
    /// is the one a name finds.
    /// </summary>
    private async Task<(Guest Older, Guest Newer)> TwoHouseholdsOfOneNameAsync(Guid eventId, string name, string first, string second)
    {
        var older = Assert.Single(await app.AddHouseholdAsync(eventId, name, (first, 0)));
        var newer = Assert.Single(await app.AddHouseholdAsync(eventId, name, (second, 0)));
        await app.QueryAsync(db => db.Households.Where(h => h.Id == older.HouseholdId).ExecuteUpdateAsync(s => s.SetProperty(h => h.CreatedAt, DateTime.UtcNow.AddDays(-1))));
        return (older, newer);
    }

    [Fact]
    public async Task The_household_picker_suggests_this_events_households_as_the_host_types()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddHouseholdAsync(e.Id, "The Ramans", ("Priya", 0), ("Arjun", 0));
        await app.AddHouseholdAsync(e.Id, "Ramírez 50%_off", ("Lu", 0));
        await app.AddHouseholdAsync(e.Id, "The Okafors", ("Ngozi", 0));
        var other = await app.CreateEventAsync(admin, "Other party");
        await app.AddHouseholdAsync(other.Id, "The Ramblers", ("Sam", 0));

        async Task<List<(string Name, string Label)>> SuggestAsync(string typed)
        {
            var response = await client.GetHtmxAsync($"/events/{e.Id}/guests?handler=households&Input.Household={Uri.EscapeDataString(typed)}");
            var html = await AppClient.ParseAsync(response);
            return [.. html.QuerySelectorAll("option").Select(o => (o.GetAttribute("value")!, o.TextContent.Trim()))];
        }

        Assert.Equal([("Ramírez 50%_off", "1 person"), ("The Ramans", "2 people")], await SuggestAsync("RAM"));
        Assert.Equal([("Ramírez 50%_off", "1 person")], await SuggestAsync("%_"));
        Assert.Equal(3, (await SuggestAsync("")).Count);
        Assert.Empty(await SuggestAsync("Ramblers"));
    }

    [Fact]
    public async Task A_guest_joins_a_household_by_its_name_and_leaves_by_clearing_it()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var (older, newer) = await TwoHouseholdsOfOneNameAsync(e.Id, "The Smiths", "Anna", "Bob");

        var joined = await client.PostFormAsync($"/events/{e.Id}/guests/add", ("Input.FirstName", "Cy"), ("Input.Email", "cy@example.com"), ("Input.Household", "the smiths"));
        var left = await client.PostFormAsync($"/events/{e.Id}/guests/edit/{newer.Id}", ("Input.FirstName", "Bob"), ("Input.Email", newer.Email!), ("Input.Household", ""));

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        var guests = await GuestsAsync(e.Id);
        Assert.Equal(older.HouseholdId, guests.Single(g => g.FirstName == "Cy").HouseholdId);
        Assert.Null(guests.Single(g => g.FirstName == "Bob").HouseholdId);
    }

    [Fact]
    public async Task The_row_editor_keeps_a_guest_in_their_own_household_when_another_has_the_same_name()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var (_, newer) = await TwoHouseholdsOfOneNameAsync(e.Id, "The Lees", "Ann", "Ben");

        var response = await client.PostHtmxAsync($"/events/{e.Id}/guests/edit/{newer.Id}?handler=row",
            [new("Input.FirstName", "Ben"), new("Input.Email", newer.Email!), new("Input.TableName", "Table 9")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ben = await app.QueryAsync(db => db.Guests.AsNoTracking().SingleAsync(g => g.Id == newer.Id));
        Assert.Equal(("Table 9", newer.HouseholdId), (ben.TableName, ben.HouseholdId));
    }
}
