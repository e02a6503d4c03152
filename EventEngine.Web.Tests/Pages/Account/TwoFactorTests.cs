using System.Net;
using AngleSharp.Html.Dom;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using StbImageSharp;
using ZXing;

namespace EventEngine.Web.Tests.Pages.Account;

public class TwoFactorTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    /// <summary>The QR code on the page, read back as a phone's camera would, and the key typed by hand beside it.</summary>
    private static (string Uri, string Key) ReadSetup(IHtmlDocument page)
    {
        var png = Convert.FromBase64String(page.QuerySelector<IHtmlImageElement>("[data-testid=qr-code]")!.Source!.Split(',')[1]);
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        var reader = new BarcodeReaderGeneric { Options = { PureBarcode = true, PossibleFormats = [BarcodeFormat.QR_CODE] } };
        var decoded = reader.Decode(new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32));
        Assert.NotNull(decoded);
        return (decoded.Text, page.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").ToUpperInvariant());
    }

    /// <summary>What an authenticator app shows now (RFC 6238, computed here with Otp.NET, not by the app under test).</summary>
    private static string CodeNow(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    private async Task<(AppClient Client, AppUser User, string Key, string[] Codes)> EnabledAsync(string name)
    {
        var (client, user) = await app.LoggedInAsync(name);
        var (_, key) = ReadSetup(await client.GetPageAsync("/account/two-factor"));
        var page = await AppClient.ParseAsync(await client.PostFormAsync("/account/two-factor?handler=enable", [new("Code", CodeNow(key))], "/account/two-factor"));
        var codes = page.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToArray();
        return (client, user, key, codes);
    }

    private async Task<HttpResponseMessage> PasswordStepAsync(AppClient client, AppUser user) =>
        await client.PostFormAsync("/account/login", [new("Input.Email", user.Email!), new("Input.Password", AppFactory.Password)]);

    private static async Task<HttpResponseMessage> CodeStepAsync(AppClient client, string code) =>
        await client.PostFormAsync("/account/login/two-factor", [new("Code", code)], "/account/login/two-factor");

    [Fact]
    public async Task The_QR_code_and_the_typed_key_are_the_same_secret_and_a_code_from_it_turns_two_factor_on()
    {
        var (client, user) = await app.LoggedInAsync("Tess");
        var other = app.CreateAppClient();
        await other.LogInAsync(user.Email!, AppFactory.Password);

        var setup = await client.GetPageAsync("/account/two-factor");
        var (uri, key) = ReadSetup(setup);
        Assert.Equal($"otpauth://totp/EventEngine:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=EventEngine&digits=6", uri);
        Assert.Equal(32, key.Length); // 160 bits, as RFC 4226 recommends

        var wrong = await AppClient.ParseAsync(await client.PostFormAsync("/account/two-factor?handler=enable", [new("Code", "000000")], "/account/two-factor"));
        Assert.Contains("didn't match", wrong.QuerySelector("[data-valmsg-for=Code]")!.TextContent);
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));

        var on = await AppClient.ParseAsync(await client.PostFormAsync("/account/two-factor?handler=enable", [new("Code", CodeNow(key))], "/account/two-factor"));
        var codes = on.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Contains("On", (await client.GetPageAsync("/account")).QuerySelector("[data-testid=security]")!.TextContent);

        // The account's address hears of it, and logins made with the password alone end; this one stays.
        await app.SendDueAsync();
        Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(user.Email!) && m.Subject == "Two-factor login is on for your EventEngine account");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events")).StatusCode);
    }

    [Fact]
    public async Task Logging_in_then_needs_a_code_from_the_app_after_the_password()
    {
        var (_, user, key, _) = await EnabledAsync("Uma");
        var browser = app.CreateAppClient();

        var password = await PasswordStepAsync(browser, user);
        Assert.Equal("/account/login/two-factor", password.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/events")).StatusCode); // not logged in yet

        var wrong = await AppClient.ParseAsync(await CodeStepAsync(browser, "123456"));
        Assert.Contains("That code didn't work", wrong.QuerySelector("[data-valmsg-for=Code]")!.TextContent);
        Assert.Equal(1, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));

        var right = await CodeStepAsync(browser, CodeNow(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/events")).StatusCode);
    }

    [Fact]
    public async Task The_code_step_cannot_be_reached_without_the_password()
    {
        var (_, user, key, _) = await EnabledAsync("Vic");
        var browser = app.CreateAppClient();

        var skipped = await browser.PostFormAsync("/account/login/two-factor", [new("Code", CodeNow(key))]);

        Assert.StartsWith("/account/login", skipped.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/events")).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task A_recovery_code_logs_in_once_in_any_case_and_the_count_goes_down()
    {
        var (_, user, _, codes) = await EnabledAsync("Wes");

        var first = app.CreateAppClient();
        await PasswordStepAsync(first, user);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(first, codes[3].ToLowerInvariant())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/events")).StatusCode);

        var second = app.CreateAppClient();
        await PasswordStepAsync(second, user);
        var reused = await AppClient.ParseAsync(await CodeStepAsync(second, codes[3]));
        Assert.Contains("That code didn't work", reused.QuerySelector("[data-valmsg-for=Code]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/events")).StatusCode);

        Assert.Contains("9 recovery codes left", (await first.GetPageAsync("/account/two-factor")).QuerySelector("[data-testid=codes-left]")!.TextContent);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_and_turning_off_needs_only_the_password_again()
    {
        var (client, user, _, old) = await EnabledAsync("Xan");

        var renewed = await AppClient.ParseAsync(await client.PostFormAsync("/account/two-factor?handler=newCodes", [], "/account/two-factor"));
        var fresh = renewed.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToArray();
        Assert.Equal(10, fresh.Length);
        Assert.Empty(fresh.Intersect(old));
        var browser = app.CreateAppClient();
        await PasswordStepAsync(browser, user);
        Assert.Equal(HttpStatusCode.OK, (await CodeStepAsync(browser, old[0])).StatusCode); // the form again: old codes no longer work

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/account/two-factor?handler=disable", [], "/account/two-factor")).StatusCode);
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        var later = app.CreateAppClient();
        await later.LogInAsync(user.Email!, AppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/events")).StatusCode);
    }

    [Fact]
    public async Task Changing_two_factor_asks_for_the_password_again_after_ten_minutes()
    {
        var (client, user) = await app.LoggedInAsync("Yara");
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        var asked = await client.GetAsync("/account/two-factor");
        Assert.Equal("/account/confirm-password?returnUrl=%2Faccount%2Ftwo-factor", asked.Headers.Location!.OriginalString);
        var post = await client.PostFormAsync("/account/two-factor?handler=enable", [new("Code", "123456")], "/account");
        Assert.StartsWith("/account/confirm-password", post.Headers.Location!.OriginalString);

        var wrong = await AppClient.ParseAsync(await client.PostFormAsync("/account/confirm-password?returnUrl=%2Faccount%2Ftwo-factor",
            [new("Password", "not it at all"), new("ReturnUrl", "/account/two-factor")], "/account/confirm-password"));
        Assert.Equal("That is not your password.", wrong.QuerySelector("[data-valmsg-for=Password]")!.TextContent.Trim());
        Assert.Equal(1, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
        var right = await client.PostFormAsync("/account/confirm-password",
            [new("Password", AppFactory.Password), new("ReturnUrl", "/account/two-factor")], "/account/confirm-password");
        Assert.Equal("/account/two-factor", right.Headers.Location!.OriginalString);
        Assert.NotNull((await client.GetPageAsync("/account/two-factor")).QuerySelector("[data-testid=qr-code]"));
    }

    [Fact]
    public async Task A_password_reset_does_not_get_past_two_factor()
    {
        var (_, user, key, _) = await EnabledAsync("Zed");
        var code = await app.ResetCodeAsync(user);
        var path = $"/account/reset-password/{user.Id}?code={Uri.EscapeDataString(code)}";
        var browser = app.CreateAppClient();

        var reset = await browser.PostFormAsync(path, [new("Input.Password", "a fresh passphrase"), new("Input.ConfirmPassword", "a fresh passphrase")], path);

        Assert.Equal("/account/login", reset.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/events")).StatusCode);
        var login = await browser.PostFormAsync("/account/login", [new("Input.Email", user.Email!), new("Input.Password", "a fresh passphrase")]);
        Assert.StartsWith("/account/login/two-factor", login.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(browser, CodeNow(key))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/events")).StatusCode);
    }
}
