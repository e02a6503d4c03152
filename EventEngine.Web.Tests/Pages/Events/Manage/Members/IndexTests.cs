using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Invitations;
using Microsoft.EntityFrameworkCore;
using static EventEngine.Web.Tests.Pages.Invitations.TeamTestKit;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Members;

[StartsFirst]
public class IndexTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private sealed record Team(Event Event, Dictionary<string, (AppClient Client, AppUser User)> People)
    {
        public AppClient this[string name] => People[name].Client;
        public Guid Id(string name) => People[name].User.Id;
        public string Path => $"/events/{Event.Id}/members";
    }

    private async Task<Team> TeamAsync(params (string Name, EventRole Role)[] others)
    {
        var people = new Dictionary<string, (AppClient, AppUser)> { ["Ada"] = await app.LoggedInAsync("Ada Admin") };
        var e = await app.CreateEventAsync(people["Ada"].Item2, "Team Wedding");
        foreach (var (name, role) in others)
        {
            people[name] = await app.LoggedInAsync(name);
            await app.AddMemberAsync(e.Id, people[name].Item2, role);
        }
        return new Team(e, people);
    }

    private Task<EventRole?> RoleAsync(Team team, string name) =>
        app.QueryAsync(db => db.EventMembers.Where(m => m.EventId == team.Event.Id && m.UserId == team.Id(name)).Select(m => (EventRole?)m.Role).SingleOrDefaultAsync());

    private static async Task<string?> ToastAsync(AppClient client, HttpResponseMessage response) =>
        (await client.GetPageAsync(response.Headers.Location!.OriginalString)).QuerySelector(".toast-body")?.TextContent;

    [Fact]
    public async Task Every_member_sees_the_team_and_the_waiting_invitations_but_only_Admins_get_the_controls()
    {
        var team = await TeamAsync(("Eli Editor", EventRole.Editor), ("Vic Viewer", EventRole.Viewer));
        await team["Ada"].InviteAsync(team.Event.Id, Email("pending"), EventRole.Viewer);

        foreach (var name in new[] { "Ada", "Eli Editor", "Vic Viewer" })
        {
            var page = await team[name].GetPageAsync(team.Path);
            var members = page.QuerySelectorAll("[data-testid=member]").Select(m => m.TextContent).ToList();
            Assert.Equal(3, members.Count);
            Assert.Contains(members, m => m.Contains("Eli Editor") && m.Contains(team.People["Eli Editor"].User.Email!) && m.Contains("Joined"));
            var invitation = page.QuerySelector("[data-testid=invitation]")!.TextContent;
            Assert.Contains("Invited by Ada Admin", invitation);
            var admin = name == "Ada";
            Assert.Equal(admin, page.QuerySelector("[data-testid=invite-form]") is not null);
            Assert.Equal(admin ? 2 : 0, page.QuerySelectorAll("form[action*='handler=role']").Length); // not on the only Admin
            Assert.Equal(admin ? 1 : 0, page.QuerySelectorAll("form[action*='members?handler=resend']").Length);
        }
    }

    [Fact]
    public async Task Inviting_a_member_or_someone_already_invited_says_so_at_the_field_and_sends_nothing()
    {
        var team = await TeamAsync(("Eli Editor", EventRole.Editor));
        var invited = Email("twice");
        AssertRedirect(await team["Ada"].InviteAsync(team.Event.Id, invited), team.Path);

        var again = await team["Ada"].InviteAsync(team.Event.Id, invited.ToUpperInvariant());
        var page = await AppClient.ParseAsync(again);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already has an invitation waiting", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        Assert.Equal(invited.ToUpperInvariant(), page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")!.Value);

        var member = await team["Ada"].InviteAsync(team.Event.Id, team.People["Eli Editor"].User.Email!);
        Assert.Contains("already on the team", (await AppClient.ParseAsync(member)).QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        var bad = await team["Ada"].InviteAsync(team.Event.Id, "not an email");
        Assert.Contains("like name@example.com", (await AppClient.ParseAsync(bad)).QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        var forgedRole = await team["Ada"].PostFormAsync($"{team.Path}?handler=invite", ("Input.Email", Email("forged")), ("Input.Role", "Owner"));
        Assert.Contains("Choose Admin, Editor or Viewer", (await AppClient.ParseAsync(forgedRole)).QuerySelector("[data-valmsg-for='Input.Role']")!.TextContent);

        Assert.Equal(1, await app.QueryAsync(db => db.EventInvitations.CountAsync(i => i.EventId == team.Event.Id)));
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventId == team.Event.Id && m.Purpose == MessagePurpose.TeamInvitation)));
    }

    [Fact]
    public async Task The_last_Admin_can_be_neither_demoted_nor_removed_and_cannot_leave()
    {
        var team = await TeamAsync(("Eli Editor", EventRole.Editor));

        var demote = await team["Ada"].PostFormAsync($"{team.Path}?handler=role&userId={team.Id("Ada")}", ("role", "Editor"));
        Assert.Contains("at least one Admin", await ToastAsync(team["Ada"], demote));
        var remove = await team["Ada"].PostFormAsync($"{team.Path}?handler=remove&userId={team.Id("Ada")}");
        Assert.Contains("at least one Admin", await ToastAsync(team["Ada"], remove));
        var leave = await team["Ada"].PostFormAsync($"{team.Path}?handler=leave");
        Assert.Contains("at least one Admin", await ToastAsync(team["Ada"], leave));
        Assert.Equal(EventRole.Admin, await RoleAsync(team, "Ada"));
        Assert.NotNull((await team["Ada"].GetPageAsync(team.Path)).QuerySelector("[data-testid=last-admin-note]"));

        // With a second Admin, the first may step down.
        AssertRedirect(await team["Ada"].PostFormAsync($"{team.Path}?handler=role&userId={team.Id("Eli Editor")}", ("role", "Admin")), team.Path);
        AssertRedirect(await team["Ada"].PostFormAsync($"{team.Path}?handler=role&userId={team.Id("Ada")}", ("role", "Viewer")), $"/events/{team.Event.Id}");
        Assert.Equal((EventRole.Viewer, EventRole.Admin), (await RoleAsync(team, "Ada"), await RoleAsync(team, "Eli Editor")));
        var demoteLast = await team["Eli Editor"].PostFormAsync($"{team.Path}?handler=role&userId={team.Id("Eli Editor")}", ("role", "Viewer"));
        Assert.Contains("at least one Admin", await ToastAsync(team["Eli Editor"], demoteLast));
    }

    [Fact]
    public async Task Two_Admins_demoting_each_other_at_the_same_moment_leave_one_Admin()
    {
        for (var round = 0; round < 5; round++)
        {
            var team = await TeamAsync(("Bea Admin", EventRole.Admin));
            var results = await Task.WhenAll(
                team["Ada"].PostFormAsync($"{team.Path}?handler=role&userId={team.Id("Bea Admin")}", ("role", "Viewer")),
                team["Bea Admin"].PostFormAsync($"{team.Path}?handler=role&userId={team.Id("Ada")}", ("role", "Viewer")));

            // Whoever's change commits second finds themselves no longer an Admin (403) or the last one (refused).
            Assert.All(results, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Forbidden }));
            Assert.Equal(1, await app.QueryAsync(db => db.EventMembers.CountAsync(m => m.EventId == team.Event.Id && m.Role == EventRole.Admin)));
        }
    }

    [Fact]
    public async Task A_removed_member_loses_access_at_once_even_with_the_page_open()
    {
        var team = await TeamAsync(("Eli Editor", EventRole.Editor));
        var guest = await app.AddGuestAsync(team.Event.Id, "Ruth");
        var open = await team["Eli Editor"].GetPageAsync($"/events/{team.Event.Id}/guests/edit/{guest.Id}");
        var token = open.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var removed = await team["Ada"].PostFormAsync($"{team.Path}?handler=remove&userId={team.Id("Eli Editor")}");
        Assert.Contains("access ended", await ToastAsync(team["Ada"], removed));

        Assert.Equal(HttpStatusCode.NotFound, (await team["Eli Editor"].GetAsync($"/events/{team.Event.Id}/guests")).StatusCode);
        var save = await team["Eli Editor"].Http.PostAsync($"/events/{team.Event.Id}/guests/edit/{guest.Id}",
            new FormUrlEncodedContent([new("Input.FirstName", "Changed after removal"), new("Input.Email", guest.Email!), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal("Ruth", (await app.QueryAsync(db => db.Guests.SingleAsync(g => g.Id == guest.Id))).FirstName);
        Assert.DoesNotContain("Team Wedding", (await team["Eli Editor"].GetPageAsync("/events")).Body!.TextContent);
        var entry = await app.QueryAsync(db => db.EventActivities.SingleAsync(a => a.EventId == team.Event.Id && a.Kind == ActivityKind.MemberRemoved));
        Assert.Contains("Removed Eli Editor", entry.Summary);
    }

    [Fact]
    public async Task Any_member_can_leave_and_is_gone_at_once()
    {
        var team = await TeamAsync(("Vic Viewer", EventRole.Viewer));

        var left = await team["Vic Viewer"].PostFormAsync($"{team.Path}?handler=leave");

        AssertRedirect(left, "/events");
        Assert.Contains("You left Team Wedding", await ToastAsync(team["Vic Viewer"], left));
        Assert.Null(await RoleAsync(team, "Vic Viewer"));
        Assert.Equal(HttpStatusCode.NotFound, (await team["Vic Viewer"].GetAsync(team.Path)).StatusCode);
        var entry = await app.QueryAsync(db => db.EventActivities.SingleAsync(a => a.EventId == team.Event.Id && a.Kind == ActivityKind.MemberLeft));
        Assert.Equal((team.Id("Vic Viewer"), "Vic Viewer"), (entry.ActorUserId!.Value, entry.ActorName));
    }

    [Fact]
    public async Task A_role_that_is_not_a_role_changes_nothing()
    {
        var team = await TeamAsync(("Vic Viewer", EventRole.Viewer));

        foreach (var forged in new[] { "Owner", "7", "" })
        {
            var response = await team["Ada"].PostFormAsync($"{team.Path}?handler=role&userId={team.Id("Vic Viewer")}", ("role", forged));
            Assert.Contains("Choose Admin, Editor or Viewer", await ToastAsync(team["Ada"], response));
        }
        Assert.Equal(EventRole.Viewer, await RoleAsync(team, "Vic Viewer"));
        var stranger = await app.CreateUserAsync("Not on the team");
        var unknown = await team["Ada"].PostFormAsync($"{team.Path}?handler=remove&userId={stranger.Id}");
        Assert.Contains("no longer on the team", await ToastAsync(team["Ada"], unknown));
    }
}
