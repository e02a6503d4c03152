using EventEngine.Web.Data;
using System.Net;
using System.Text.Json;
using EventEngine.Web.Accounts;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Account;

/// <summary>
/// Making and using a real passkey needs an authenticator: the E2E journey does it with Chromium's virtual one. Here:
/// what the server offers, what it refuses, and removing.
/// </summary>
public class PasskeysTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private async Task<byte[]> StoreAsync(AppUser user, string name)
    {
        var id = Guid.NewGuid().ToByteArray();
        await using var scope = app.Services.CreateSystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var passkey = new UserPasskeyInfo(id, [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true, true, true, [4], [5]) { Name = name };
        Assert.True((await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(user.Id.ToString()))!, passkey)).Succeeded);
        return id;
    }

    [Fact]
    public async Task The_creation_options_name_this_site_and_account_and_leave_out_its_passkeys_already_made()
    {
        var (client, user) = await app.LoggedInAsync("Pia");
        var existing = await StoreAsync(user, "Old laptop");

        var response = await client.PostFormAsync("/account/passkeys?handler=options", [], "/account/passkeys");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("localhost", options.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(user.Email, options.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.True(options.RootElement.GetProperty("challenge").GetString()!.Length >= 22); // at least 128 bits, base64url
        Assert.Contains(options.RootElement.GetProperty("excludeCredentials").EnumerateArray(),
            c => c.GetProperty("id").GetString() == PasskeyNames.Id(existing));
    }

    [Fact]
    public async Task A_credential_the_browser_did_not_make_for_this_challenge_is_refused_and_nothing_is_stored()
    {
        var (client, user) = await app.LoggedInAsync("Quin");
        await client.PostFormAsync("/account/passkeys?handler=options", [], "/account/passkeys");

        var page = await AppClient.ParseAsync(await client.PostFormAsync("/account/passkeys?handler=add",
            [new("CredentialJson", """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}"""), new("Name", "Forged")],
            "/account/passkeys"));

        Assert.Contains("could not be added", page.QuerySelector("[data-passkey-error]")!.TextContent);
        Assert.Equal("Forged", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Name")!.Value);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<IdentityUserPasskey<Guid>>().CountAsync(p => p.UserId == user.Id)));
    }

    [Fact]
    public async Task A_passkey_is_removed_only_by_its_own_account()
    {
        var (owner, user) = await app.LoggedInAsync("Rae");
        var (stranger, _) = await app.LoggedInAsync("Stranger");
        var id = await StoreAsync(user, "Work phone");

        var listed = await owner.GetPageAsync("/account/passkeys");
        Assert.Contains("Work phone", Assert.Single(listed.QuerySelectorAll("[data-testid=passkey]")).TextContent);
        var remove = listed.QuerySelector("[data-testid=passkey] form")!.GetAttribute("action")!;

        await stranger.PostFormAsync(remove, [], "/account/passkeys");
        Assert.Equal(1, await app.QueryAsync(db => db.Set<IdentityUserPasskey<Guid>>().CountAsync(p => p.UserId == user.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(remove, [], "/account/passkeys")).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<IdentityUserPasskey<Guid>>().CountAsync(p => p.UserId == user.Id)));
        Assert.Contains("None yet", (await owner.GetPageAsync("/account/passkeys")).QuerySelector("[data-testid=passkeys]")!.TextContent);
    }

    [Fact]
    public async Task Passkey_changes_ask_for_the_password_again_after_ten_minutes()
    {
        var (client, _) = await app.LoggedInAsync("Sol");
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        var options = await client.PostFormAsync("/account/passkeys?handler=options", [], "/account");

        Assert.Equal(HttpStatusCode.Redirect, options.StatusCode);
        Assert.StartsWith("/account/confirm-password", options.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logging_in_with_a_credential_that_is_no_passkey_here_says_so_and_counts_as_a_failure()
    {
        var browser = app.CreateAppClient();
        await browser.PostFormAsync("/account/login?handler=passkeyOptions", []);

        var page = await AppClient.ParseAsync(await browser.PostFormAsync("/account/login?handler=passkey",
            [new("CredentialJson", """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA"}}""")]));

        Assert.Contains("That passkey didn't log you in", page.QuerySelector("[data-passkey-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/events")).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Database.SqlQueryRaw<int>("SELECT hits AS \"Value\" FROM rate_limits WHERE key LIKE 'login-failure%'").SingleAsync()));
    }
}
