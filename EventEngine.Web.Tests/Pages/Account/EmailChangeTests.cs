using System.Net;
using System.Text.RegularExpressions;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Invitations;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Account;

public partial class EmailChangeTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private static KeyValuePair<string, string>[] Change(string email, string password = AppFactory.Password) =>
        [new("NewEmail.Email", email), new("NewEmail.Password", password)];

    private async Task<string> ChangeLinkAsync(string to)
    {
        await app.SendDueAsync();
        var mail = Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(to) && m.Subject == "Confirm your new email address for EventEngine");
        Assert.Contains("Use this address", mail.Html);
        return new Uri(ChangeLink().Match(mail.Text!).Value).PathAndQuery;
    }

    [Fact]
    public async Task A_new_address_takes_effect_only_through_the_link_sent_to_it_and_the_old_address_is_told()
    {
        var (client, user) = await app.LoggedInAsync("Mo");
        var old = user.Email!;
        var other = app.CreateAppClient();
        await other.LogInAsync(old, AppFactory.Password);
        var fresh = TeamTestKit.Email("mo-new");

        var sent = await client.PostFormAsync("/account?handler=email", Change(fresh), "/account");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(old, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));

        var path = await ChangeLinkAsync(fresh);
        var forged = await app.CreateAppClient().GetPageAsync(Regex.Replace(path, "email=[^&]+", "email=" + Uri.EscapeDataString(TeamTestKit.Email("thief"))));
        Assert.Contains("This link no longer works", forged.QuerySelector("[data-testid=confirm-result]")!.TextContent);

        var done = await app.CreateAppClient().GetPageAsync(path); // the mail app's browser, not logged in
        Assert.Contains("Your email address is confirmed", done.QuerySelector("[data-testid=confirm-result]")!.TextContent);
        var saved = await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => new { u.Email, u.UserName, u.EmailConfirmed }).SingleAsync());
        Assert.Equal((fresh, fresh, true), (saved.Email, saved.UserName, saved.EmailConfirmed));

        await app.SendDueAsync();
        var told = Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(old) && m.Subject == "Your EventEngine email address has changed");
        Assert.Contains(fresh, told.Text);
        // The new address logs in; the old one no longer does, and other logins end with the security stamp.
        await app.CreateAppClient().LogInAsync(fresh, AppFactory.Password);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/events")).StatusCode);
        Assert.Contains("don't match an account", (await AppClient.ParseAsync(await app.CreateAppClient().PostFormAsync("/account/login",
            [new("Input.Email", old), new("Input.Password", AppFactory.Password)]))).QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task A_change_needs_the_password_and_an_address_no_one_else_uses()
    {
        var (client, user) = await app.LoggedInAsync("Lu");
        var (_, taken) = await app.LoggedInAsync("Taken");

        async Task<string> ErrorAsync(KeyValuePair<string, string>[] fields, string field)
        {
            var page = await AppClient.ParseAsync(await client.PostFormAsync("/account?handler=email", fields, "/account"));
            Assert.Equal(fields[0].Value, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#NewEmail_Email")!.Value);
            return page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim();
        }

        Assert.Equal("That is not your current password.", await ErrorAsync(Change(TeamTestKit.Email("lu2"), "wrong password"), "NewEmail.Password"));
        Assert.Equal("Another account uses that address.", await ErrorAsync(Change(taken.Email!.ToUpperInvariant()), "NewEmail.Email"));
        Assert.Equal("That is already your address.", await ErrorAsync(Change(user.Email!), "NewEmail.Email"));
        Assert.Equal("Enter a valid email address.", await ErrorAsync(Change("not an address"), "NewEmail.Email"));
        Assert.Equal(0, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.UserId == user.Id)));
    }

    [Fact]
    public async Task An_address_taken_after_the_link_was_sent_is_refused_and_nothing_changes()
    {
        var (client, user) = await app.LoggedInAsync("Ka");
        var wanted = TeamTestKit.Email("ka-new");
        await client.PostFormAsync("/account?handler=email", Change(wanted), "/account");
        var path = await ChangeLinkAsync(wanted);
        await app.CreateAppClient().RegisterAsync("Someone Else", wanted, "/events");

        var page = await client.GetPageAsync(path);

        Assert.Contains("That address is taken", page.QuerySelector("[data-testid=confirm-result]")!.TextContent);
        Assert.Equal(user.Email, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));
        Assert.Equal(user.Email, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.UserName).SingleAsync()));
    }

    [GeneratedRegex(@"https://events\.example\.test/account/confirm-email/[0-9a-f-]{36}\?\S+")]
    private static partial Regex ChangeLink();
}
