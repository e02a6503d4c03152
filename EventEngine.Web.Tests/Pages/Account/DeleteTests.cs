using System.Net;
using System.Text.Json;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Invitations;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Account;

public class DeleteTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Task<HttpResponseMessage> DeleteAsync(AppClient client, string password = AppFactory.Password) =>
        client.PostFormAsync("/account/delete", [new("Password", password)], "/account/delete");

    [Fact]
    public async Task The_only_Admin_of_an_event_hands_it_over_first_and_nothing_changes_until_then()
    {
        var (client, user) = await app.LoggedInAsync("Ada");
        var helper = await app.CreateUserAsync("Helper");
        var shared = await app.CreateEventAsync(user, "Shared Gala");
        await app.AddMemberAsync(shared.Id, helper, EventRole.Editor);
        var solo = await app.CreateEventAsync(user, "Solo Party");

        var page = await client.GetPageAsync("/account/delete");
        var blocking = page.QuerySelectorAll("[data-testid=blocking-event]").Select(e => e.TextContent).ToList();
        Assert.Equal(2, blocking.Count);
        Assert.Contains(blocking, b => b.Contains("Shared Gala") && b.Contains("1 other member") && b.Contains("Hand over"));
        Assert.Contains(blocking, b => b.Contains("Solo Party") && b.Contains("No one else") && !b.Contains("Hand over"));
        Assert.True(page.QuerySelector("[data-testid=delete-form] button")!.HasAttribute("disabled"));

        var refused = await AppClient.ParseAsync(await DeleteAsync(client)); // the button was disabled; the server holds too
        Assert.Equal(2, refused.QuerySelectorAll("[data-testid=blocking-event]").Length);
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.DeletedAt).SingleAsync()));
        Assert.Equal(2, await app.QueryAsync(db => db.EventMembers.CountAsync(m => m.UserId == user.Id)));

        await app.QueryAsync(db => db.EventMembers.Where(m => m.EventId == shared.Id && m.UserId == helper.Id)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Role, EventRole.Admin)));
        await app.QueryAsync(db => db.Events.Where(e => e.Id == solo.Id).ExecuteDeleteAsync());
        Assert.Empty((await client.GetPageAsync("/account/delete")).QuerySelectorAll("[data-testid=blocking-event]"));
        Assert.Equal(HttpStatusCode.Redirect, (await DeleteAsync(client)).StatusCode);
    }

    [Fact]
    public async Task Deleting_erases_the_person_but_keeps_what_they_did_in_others_events_as_by_a_former_member()
    {
        var (client, user) = await app.LoggedInAsync("Bea Gone");
        var phone = app.CreateAppClient();
        await phone.LogInAsync(user.Email!, AppFactory.Password);
        var (admin, owner) = await app.LoggedInAsync("Owner");
        var e = await app.CreateEventAsync(owner, "Team Dinner");
        await app.AddMemberAsync(e.Id, user, EventRole.Editor);
        var guest = await app.AddGuestAsync(e.Id, "Carla", g => g.AddedById = user.Id);

        var wrong = await AppClient.ParseAsync(await DeleteAsync(client, "not my password"));
        Assert.Equal("That is not your password.", wrong.QuerySelector("[data-valmsg-for=Password]")!.TextContent.Trim());
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.DeletedAt).SingleAsync()));

        var deleted = await DeleteAsync(client);
        Assert.Equal("/", deleted.Headers.Location!.OriginalString);

        var row = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal(AppUser.FormerMember, row.DisplayName);
        Assert.DoesNotContain("bea", row.Email!, StringComparison.OrdinalIgnoreCase);
        Assert.Null(row.PasswordHash);
        Assert.NotNull(row.DeletedAt);
        Assert.False(await app.QueryAsync(db => db.EventMembers.AnyAsync(m => m.UserId == user.Id)));
        Assert.False(await app.QueryAsync(db => db.LoginSessions.AnyAsync(s => s.UserId == user.Id)));
        Assert.Equal(user.Id, await app.QueryAsync(db => db.Guests.Where(g => g.Id == guest.Id).Select(g => g.AddedById).SingleAsync()));

        // Both logins end at once; the account cannot log in; the address is free for a new account.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/events")).StatusCode);
        Assert.Contains("don't match", (await AppClient.ParseAsync(await app.CreateAppClient().PostFormAsync("/account/login",
            [new("Input.Email", user.Email!), new("Input.Password", AppFactory.Password)]))).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAppClient().RegisterAsync("Bea Again", user.Email!, "/events")).StatusCode);

        // The event's team sees the departure, its log keeps the name it recorded, and the export says who added Carla.
        var log = await admin.GetPageAsync($"/events/{e.Id}/activity");
        Assert.Contains("deleted their account", log.QuerySelector("main")!.TextContent);
        Assert.Contains("Bea Gone", log.QuerySelector("main")!.TextContent);
        var csv = await (await admin.GetAsync($"/events/{e.Id}/guests/export?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains(AppUser.FormerMember, csv);
    }

    [Fact]
    public async Task Download_my_data_holds_the_account_its_memberships_and_its_activity()
    {
        var (client, user) = await app.LoggedInAsync("Dee");
        var e = await app.CreateEventAsync(user, "Dee's Birthday");
        await client.PostFormAsync($"/events/{e.Id}/guests/add", [new("Input.FirstName", "Eli"), new("Input.Email", "eli@example.com")], $"/events/{e.Id}/guests");

        var response = await client.GetAsync("/account/delete?handler=data");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("eventengine-my-data-", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(user.Email, json.RootElement.GetProperty("account").GetProperty("email").GetString());
        var membership = Assert.Single(json.RootElement.GetProperty("memberships").EnumerateArray());
        Assert.Equal(("Dee's Birthday", "Admin"), (membership.GetProperty("event").GetString(), membership.GetProperty("role").GetString()));
        Assert.Contains(json.RootElement.GetProperty("activity").EnumerateArray(), a => a.GetProperty("summary").GetString()!.Contains("Eli"));
        Assert.Single(json.RootElement.GetProperty("logins").EnumerateArray());
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAppClient().GetAsync("/account/delete?handler=data")).StatusCode);
    }
}
