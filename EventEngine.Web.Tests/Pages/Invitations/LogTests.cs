using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Pages.Rsvp;
using static EventEngine.Web.Tests.Pages.Invitations.TeamTestKit;

namespace EventEngine.Web.Tests.Pages.Invitations;

public class LogTests(GuardedAppFactory app) : IClassFixture<GuardedAppFactory>
{
    [Fact]
    public async Task An_invitation_token_never_appears_in_any_log_line_on_its_way_through_login_and_register()
    {
        var (admin, user) = await app.LoggedInAsync("Log Admin");
        var e = await app.CreateEventAsync(user);
        var email = Email("quiet");
        await admin.InviteAsync(e.Id, email, EventRole.Viewer);
        var path = await app.InvitationPathAsync(email);
        var token = path["/invitations/".Length..];
        var client = app.CreateAppClient();

        await client.GetAsync(path);
        await client.GetAsync($"/account/login?returnUrl={Uri.EscapeDataString(path)}");
        await client.PostFormAsync("/account/login", ("Input.Email", email), ("Input.Password", "wrong password"), ("ReturnUrl", path));
        await client.GetAsync($"/account/register?returnUrl={Uri.EscapeDataString(path)}");
        await client.RegisterAsync("Quiet Person", email, path);
        await client.PostFormAsync(path);
        await client.PostFormAsync(path); // used: 410
        await client.GetAsync($"{path}/nothing-here");

        Assert.Contains(app.Logs, l => l.Contains("Microsoft.AspNetCore.Mvc")); // the detailed logs really were on
        var leaks = app.Logs.Where(l => l.Contains(token)).Select(l => l[..Math.Min(l.Length, 300)]).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }
}
