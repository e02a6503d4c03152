using System.Net;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Account;

public class IndexTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private async Task<AppClient> LoggedInElsewhereAsync(string email)
    {
        var other = app.CreateAppClient();
        await other.LogInAsync(email, AppFactory.Password);
        return other;
    }

    private async Task AssertLoggedOutAsync(AppClient client)
    {
        var response = await client.GetAsync("/events");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_person_changes_their_name_and_the_navigation_shows_it()
    {
        var (client, user) = await app.LoggedInAsync("Old Name");

        var blank = await AppClient.ParseAsync(await client.PostFormAsync("/account?handler=name", [new("Name.DisplayName", "\u202E\u202C")], "/account"));
        var saved = await client.PostFormAsync("/account?handler=name", [new("Name.DisplayName", "  New Name  ")], "/account");

        Assert.Equal("Enter your name.", blank.QuerySelector("[data-valmsg-for='Name.DisplayName']")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("New Name", await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleAsync()));
        Assert.Equal("New Name", (await client.GetPageAsync("/events")).QuerySelector("[data-testid=signed-in-name]")!.TextContent);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_ends_the_other_logins()
    {
        var (client, user) = await app.LoggedInAsync("Pat");
        var other = await LoggedInElsewhereAsync(user.Email!);

        var wrong = await AppClient.ParseAsync(await client.PostFormAsync("/account?handler=password",
            [new("Password.Current", "not my password"), new("Password.Password", "a newer passphrase"), new("Password.ConfirmPassword", "a newer passphrase")], "/account"));
        Assert.Equal("That is not your current password.", wrong.QuerySelector("[data-valmsg-for='Password.Current']")!.TextContent.Trim());

        var changed = await client.PostFormAsync("/account?handler=password",
            [new("Password.Current", AppFactory.Password), new("Password.Password", "a newer passphrase"), new("Password.ConfirmPassword", "a newer passphrase")], "/account");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events")).StatusCode);
        await AssertLoggedOutAsync(other);
        await app.CreateAppClient().LogInAsync(user.Email!, "a newer passphrase");
    }

    [Fact]
    public async Task Logging_out_everywhere_else_keeps_this_browser()
    {
        var (client, user) = await app.LoggedInAsync("Sam");
        var other = await LoggedInElsewhereAsync(user.Email!);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/account?handler=logOutElsewhere", [], "/account")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events")).StatusCode);
        await AssertLoggedOutAsync(other);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAppClient().GetAsync("/account")).StatusCode); // no login, no account page
    }

    [Fact]
    public async Task The_account_page_lists_each_login_and_ends_one_at_once()
    {
        var (client, user) = await app.LoggedInAsync("Ines");
        var phone = app.CreateAppClient();
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36");
        await phone.LogInAsync(user.Email!, AppFactory.Password);
        var (_, stranger) = await app.LoggedInAsync("Stranger");

        var page = await client.GetPageAsync("/account");
        var rows = page.QuerySelectorAll("[data-testid=session]");
        Assert.Equal(2, rows.Length);
        Assert.Single(rows, r => r.TextContent.Contains("This browser"));
        var android = Assert.Single(rows, r => r.TextContent.Contains("Chrome on Android"));
        var end = android.QuerySelector("form")!.GetAttribute("action")!;

        // Another account cannot end this one's login, even knowing its id.
        var strangerClient = app.CreateAppClient();
        await strangerClient.LogInAsync(stranger.Email!, AppFactory.Password);
        await strangerClient.PostFormAsync(end, [], "/account");
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/events")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(end, [], "/account")).StatusCode);
        await AssertLoggedOutAsync(phone); // at once: no waiting for the security stamp check
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events")).StatusCode);
        Assert.Single((await client.GetPageAsync("/account")).QuerySelectorAll("[data-testid=session]"));
    }

    [Fact]
    public async Task Logging_out_ends_that_login_and_a_new_password_clears_the_others_from_the_list()
    {
        var (client, user) = await app.LoggedInAsync("Oscar");
        var laptop = await LoggedInElsewhereAsync(user.Email!);
        var tablet = await LoggedInElsewhereAsync(user.Email!);
        Assert.Equal(3, await app.QueryAsync(db => db.LoginSessions.CountAsync(s => s.UserId == user.Id)));

        await laptop.PostFormAsync("/account/logout", [], "/account");
        Assert.Equal(2, await app.QueryAsync(db => db.LoginSessions.CountAsync(s => s.UserId == user.Id)));

        await client.PostFormAsync("/account?handler=password",
            [new("Password.Current", AppFactory.Password), new("Password.Password", "a newer passphrase"), new("Password.ConfirmPassword", "a newer passphrase")], "/account");
        Assert.Single((await client.GetPageAsync("/account")).QuerySelectorAll("[data-testid=session]"));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await AssertLoggedOutAsync(tablet);
    }
}
