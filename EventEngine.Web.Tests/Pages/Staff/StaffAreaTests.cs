using System.Net;
using EventEngine.Web.Accounts;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Invitations;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Staff;

public class StaffAreaTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(AppClient Client, AppUser User)> StaffAsync(SiteRole role, string name)
    {
        var (client, user) = await app.LoggedInAsync(name);
        await SetRoleAsync(user, role);
        return (client, user);
    }

    private Task SetRoleAsync(AppUser user, SiteRole? role) =>
        app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SiteRole, role)));

    private static async Task<string> RowActionAsync(AppClient staff, AppUser target, string action)
    {
        var page = await staff.GetPageAsync("/staff?q=" + Uri.EscapeDataString(target.Email!));
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=account]"));
        return row.QuerySelector($"form[action*='handler={action}']")?.GetAttribute("action") ?? throw new InvalidOperationException($"No {action} button");
    }

    [Fact]
    public async Task Only_staff_reach_the_staff_area_only_administrators_the_roles_and_a_removed_role_counts_at_once()
    {
        var (someone, _) = await app.LoggedInAsync("Someone");
        var (moderator, moderatorUser) = await StaffAsync(SiteRole.Moderator, "Mod");
        var (administrator, _) = await StaffAsync(SiteRole.Administrator, "Admin");

        Assert.Equal(HttpStatusCode.NotFound, (await someone.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAppClient().GetAsync("/staff")).StatusCode); // to log in
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync("/staff/log")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync("/staff/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync("/staff/roles")).StatusCode);

        await SetRoleAsync(moderatorUser, null);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task Staff_see_accounts_but_never_the_events_in_them()
    {
        var (administrator, _) = await StaffAsync(SiteRole.Administrator, "Admin");
        var (_, host) = await app.LoggedInAsync("Private Host");
        var e = await app.CreateEventAsync(host, "Secret Surprise Party");
        await app.AddGuestAsync(e.Id, "Hidden Guest");

        var page = await administrator.GetPageAsync("/staff?q=" + Uri.EscapeDataString(host.Email!));
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=account]"));
        Assert.Contains(host.Email!, row.TextContent);
        Assert.Contains("1 event", row.TextContent);
        Assert.DoesNotContain("Secret Surprise Party", page.DocumentElement.OuterHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await administrator.GetAsync($"/events/{e.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await administrator.GetAsync($"/events/{e.Id}/guests")).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_is_logged_out_at_once_cannot_log_in_or_reset_its_way_back_until_unlocked()
    {
        var (moderator, moderatorUser) = await StaffAsync(SiteRole.Moderator, "Mod");
        var (target, user) = await app.LoggedInAsync("Spammer");

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync(await RowActionAsync(moderator, user, "lock"), [], "/staff")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await target.GetAsync("/events")).StatusCode);
        var login = await AppClient.ParseAsync(await app.CreateAppClient().PostFormAsync("/account/login",
            [new("Input.Email", user.Email!), new("Input.Password", AppFactory.Password)]));
        Assert.Equal(Lockouts.LockedByStaff, login.QuerySelector(".alert-danger")!.TextContent.Trim());
        Assert.Contains("Locked", (await moderator.GetPageAsync("/staff?q=" + Uri.EscapeDataString(user.Email!))).QuerySelector("[data-testid=account]")!.TextContent);
        // A reset link proves the address, not that the lock should go.
        var code = await app.ResetCodeAsync(user);
        var resetPath = $"/account/reset-password/{user.Id}?code={Uri.EscapeDataString(code)}";
        var reset = app.CreateAppClient();
        var afterReset = await reset.PostFormAsync(resetPath, [new("Input.Password", "a fresh passphrase"), new("Input.ConfirmPassword", "a fresh passphrase")], resetPath);
        Assert.Equal("/account/login", afterReset.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await reset.GetAsync("/events")).StatusCode);
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd != null).SingleAsync()));

        await moderator.PostFormAsync(await RowActionAsync(moderator, user, "unlock"), [], "/staff");
        await app.CreateAppClient().LogInAsync(user.Email!, "a fresh passphrase");

        var log = await app.QueryAsync(db => db.StaffActions.Where(a => a.TargetUserId == user.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([StaffActionKind.AccountLocked, StaffActionKind.AccountUnlocked], log.Select(a => a.Kind));
        Assert.All(log, a => Assert.Equal((moderatorUser.Id, "Mod"), (a.ActorUserId!.Value, a.ActorName)));
        Assert.Contains("Account locked", (await moderator.GetPageAsync("/staff/log")).QuerySelector("[data-testid=staff-log]")!.TextContent);
    }

    [Fact]
    public async Task A_moderator_cannot_lock_an_administrator_or_themselves()
    {
        var (moderator, moderatorUser) = await StaffAsync(SiteRole.Moderator, "Mod");
        var (_, administratorUser) = await StaffAsync(SiteRole.Administrator, "Admin");

        var row = Assert.Single((await moderator.GetPageAsync("/staff?q=" + Uri.EscapeDataString(administratorUser.Email!))).QuerySelectorAll("[data-testid=account]"));
        Assert.Null(row.QuerySelector("form[action*='handler=lock']"));
        await moderator.PostFormAsync($"/staff?handler=lock&id={administratorUser.Id}", [], "/staff");
        await moderator.PostFormAsync($"/staff?handler=lock&id={moderatorUser.Id}", [], "/staff");

        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => (u.Id == administratorUser.Id || u.Id == moderatorUser.Id) && u.LockoutEnd != null)));
        Assert.Equal(0, await app.QueryAsync(db => db.StaffActions.CountAsync(a => a.ActorUserId == moderatorUser.Id)));
    }

    [Fact]
    public async Task Staff_send_the_confirmation_link_again_at_most_once_a_minute()
    {
        var (moderator, _) = await StaffAsync(SiteRole.Moderator, "Mod");
        var newcomer = app.CreateAppClient();
        var email = TeamTestKit.Email("newcomer");
        await newcomer.RegisterAsync("Newcomer", email, "/events");
        var user = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Email == email));

        var early = await moderator.PostFormAsync(await RowActionAsync(moderator, user, "resend"), [], "/staff");

        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.UserId == user.Id && m.Purpose == MessagePurpose.EmailConfirmation)));
        Assert.Equal(0, await app.QueryAsync(db => db.StaffActions.CountAsync(a => a.TargetUserId == user.Id)));
        await app.QueryAsync(db => db.OutboxMessages.Where(m => m.UserId == user.Id)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddMinutes(-2))));
        await moderator.PostFormAsync(await RowActionAsync(moderator, user, "resend"), [], "/staff");
        Assert.Equal(2, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.UserId == user.Id && m.Purpose == MessagePurpose.EmailConfirmation)));
        Assert.Equal(StaffActionKind.ConfirmationResent, await app.QueryAsync(db => db.StaffActions.Where(a => a.TargetUserId == user.Id).Select(a => a.Kind).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_gives_and_takes_staff_roles_but_the_last_administrator_stays()
    {
        var (administrator, administratorUser) = await StaffAsync(SiteRole.Administrator, "Only Admin");
        await app.QueryAsync(db => db.Users.Where(u => u.SiteRole == SiteRole.Administrator && u.Id != administratorUser.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SiteRole, (SiteRole?)null)));
        var helper = await app.CreateUserAsync("Helper");

        var unknown = await AppClient.ParseAsync(await administrator.PostFormAsync("/staff/roles?handler=grant",
            [new("Email", "nobody@example.test"), new("Role", "Moderator")], "/staff/roles"));
        Assert.Contains("No account uses that address", unknown.QuerySelector("[data-valmsg-for=Email]")!.TextContent);

        await administrator.PostFormAsync("/staff/roles?handler=grant", [new("Email", helper.Email!), new("Role", "Moderator")], "/staff/roles");
        Assert.Equal(SiteRole.Moderator, await app.QueryAsync(db => db.Users.Where(u => u.Id == helper.Id).Select(u => u.SiteRole).SingleAsync()));

        await administrator.PostFormAsync($"/staff/roles?handler=revoke&id={administratorUser.Id}", [], "/staff/roles");
        Assert.Equal(SiteRole.Administrator, await app.QueryAsync(db => db.Users.Where(u => u.Id == administratorUser.Id).Select(u => u.SiteRole).SingleAsync()));

        await administrator.PostFormAsync($"/staff/roles?handler=revoke&id={helper.Id}", [], "/staff/roles");
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.Id == helper.Id).Select(u => u.SiteRole).SingleAsync()));
        Assert.Equal([StaffActionKind.RoleGranted, StaffActionKind.RoleRevoked],
            await app.QueryAsync(db => db.StaffActions.Where(a => a.TargetUserId == helper.Id).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync()));
    }
}
