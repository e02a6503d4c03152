using System.Net;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages.Account;

public class RegisterTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static (string, string)[] Form(string name, string email, string password, string? confirm = null) =>
    [
        ("Input.DisplayName", name), ("Input.Email", email), ("Input.Password", password), ("Input.ConfirmPassword", confirm ?? password),
    ];

    [Fact]
    public async Task Registering_signs_the_person_in_and_shows_their_name()
    {
        var client = app.CreateAppClient();
        var email = $"ada.{Guid.NewGuid():N}@example.test";

        var response = await client.PostFormAsync("/account/register", Form("Ada Lovelace", email, "analytical engine"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/events", response.Headers.Location?.OriginalString);
        var events = await client.GetPageAsync("/events");
        Assert.Equal("Ada Lovelace", events.QuerySelector("[data-testid=signed-in-name]")?.TextContent);
        Assert.Contains(email, events.QuerySelector(".user-chip")!.TextContent);
    }

    [Fact]
    public async Task Registering_an_email_that_has_an_account_says_so_at_the_email_field()
    {
        var existing = await app.CreateUserAsync("Existing");
        var client = app.CreateAppClient();

        var response = await client.PostFormAsync("/account/register", Form("Someone", existing.Email!.ToUpperInvariant(), "another password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("already exists", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        Assert.Equal("Someone", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_DisplayName")!.Value);
    }

    [Theory]
    [InlineData("short", "short", "Input.Password", "at least 10")]
    [InlineData("long enough password", "different password", "Input.ConfirmPassword", "don't match")]
    public async Task Weak_or_mismatched_passwords_are_refused_at_the_field(string password, string confirm, string field, string message)
    {
        var client = app.CreateAppClient();

        var response = await client.PostFormAsync("/account/register", Form("Bea", $"bea.{Guid.NewGuid():N}@example.test", password, confirm));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
    }

    [Fact]
    public async Task A_name_of_nothing_but_direction_controls_is_refused_at_the_name()
    {
        var client = app.CreateAppClient();

        var response = await client.PostFormAsync("/account/register", Form("\u202E\u2067", $"bidi.{Guid.NewGuid():N}@example.test", "long enough password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("Enter your name.", page.QuerySelector("[data-valmsg-for='Input.DisplayName']")!.TextContent);
    }

    [Fact]
    public async Task Hostile_input_is_refused_or_stored_as_text_and_always_encoded()
    {
        var client = app.CreateAppClient();
        var hostile = "<script>alert('x')</script>'; DROP TABLE users; --";

        var response = await client.PostFormAsync("/account/register", Form(hostile, "not-an-email<b>", "whatever password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("not-an-email<b>", html);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal(hostile, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.Contains("valid email", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
    }

    [Fact]
    public async Task Registering_without_the_antiforgery_token_is_refused()
    {
        var client = app.CreateAppClient();
        var email = $"csrf.{Guid.NewGuid():N}@example.test";

        var response = await client.Http.PostAsync("/account/register", new FormUrlEncodedContent(
            Form("Mallory", email, "long enough password").Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryAsync(db => Task.FromResult(db.Users.Any(u => u.Email == email))));
    }
}
