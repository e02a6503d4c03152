using System.Net;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages.Account;

public class LoginTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Logging_in_sets_an_HttpOnly_Secure_SameSite_Lax_cookie_and_opens_my_events()
    {
        var user = await app.CreateUserAsync("Grace");
        var client = app.CreateAppClient();

        var response = await client.PostFormAsync("/account/login", ("Input.Email", user.Email!), ("Input.Password", AppFactory.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/events", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ee.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("secure", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        var user = await app.CreateUserAsync("Hedy");
        var client = app.CreateAppClient();

        var response = await client.PostFormAsync("/account/login", ("Input.Email", user.Email!), ("Input.Password", "not the password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("don't match an account", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(user.Email, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/events")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password()
    {
        var user = await app.CreateUserAsync("Katherine");
        var client = app.CreateAppClient();
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/account/login", ("Input.Email", user.Email!), ("Input.Password", "wrong " + i));

        var response = await client.PostFormAsync("/account/login", ("Input.Email", user.Email!), ("Input.Password", AppFactory.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", (await AppClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        var (client, _) = await app.LoggedInAsync("Margaret");

        var response = await client.PostFormAsync("/account/logout", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var events = await client.GetAsync("/events");
        Assert.Equal(HttpStatusCode.Redirect, events.StatusCode);
        Assert.StartsWith("https://localhost/account/login", events.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_log_out_button_in_the_navigation_posts_with_an_antiforgery_token()
    {
        var (client, _) = await app.LoggedInAsync("Navigator");
        var page = await client.GetPageAsync("/events");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("nav form")!;

        var fields = form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        var response = await client.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.Equal("/account/logout", form.GetAttribute("action"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/events")).StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var user = await app.CreateUserAsync("Radia");
        var client = app.CreateAppClient();

        var response = await client.PostFormAsync("/account/login?returnUrl=https%3A%2F%2Fevil.example%2F",
            ("Input.Email", user.Email!), ("Input.Password", AppFactory.Password));

        Assert.Equal("/events", response.Headers.Location?.OriginalString);
    }
}
