using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(BrowserCollection.Name)]
public class TwoFactorJourneyTests(BrowserFixture browser)
{
    private static async Task LogOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        // The menu slides open: click once it has finished, and count the log-out done once the home page answers
        // (what comes next opens a page of its own, so its images and scripts need not finish loading).
        await Expect(page.Locator(".navbar-collapse.show")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"), new() { WaitUntil = WaitUntilState.Commit });
    }

    private static async Task AssertFitsAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{what} scrolls sideways");

    [Fact]
    public async Task On_a_phone_a_host_turns_on_an_authenticator_logs_in_with_a_code_then_adds_a_passkey_and_logs_in_with_it()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        var email = await Journeys.RegisterAsync(page, "Gita Host");
        var confirmation = await browser.WaitForMailAsync(m => m.RcptTos.Contains(email) && m.Subject == "Confirm your email address for EventEngine");
        await page.GotoAsync(Regex.Match(confirmation.Text!, @"http://localhost:\d+/account/confirm-email/\S+").Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your email address is confirmed" })).ToBeVisibleAsync();

        // Two-factor: the password again (this login began at registration), then the app's code.
        await page.GotoAsync("/account");
        await page.GetByTestId("security").GetByRole(AriaRole.Link, new() { Name = "Set up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it's you" })).ToBeVisibleAsync();
        await Accessibility.AssertNoneAsync(page);
        await page.GetByLabel("Password").FillAsync(Journeys.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.GetByTestId("qr-code")).ToBeVisibleAsync();
        await Accessibility.AssertNoneAsync(page);
        await AssertFitsAsync(page, "the two-factor set-up");
        await BrowserFixture.ScreenshotAsync(page, "two-factor-setup-phone");
        var key = (await page.GetByTestId("authenticator-key").TextContentAsync())!.Replace(" ", "").ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.GetByLabel("Type the 6-digit code the app shows.").FillAsync(totp.ComputeTotp(DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor login" }).ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await Accessibility.AssertNoneAsync(page);
        await AssertFitsAsync(page, "the recovery codes");
        await BrowserFixture.ScreenshotAsync(page, "recovery-codes-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "I've saved them" }).ClickAsync();
        await Expect(page.GetByTestId("security")).ToContainTextAsync("On");

        // Log out, log in: password, then a code.
        await LogOutAsync(page);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Journeys.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "One more step" })).ToBeVisibleAsync();
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "login-code-phone");
        await page.GetByLabel("Code").FillAsync(totp.ComputeTotp(DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/events$"));

        // A passkey, made by Chromium's virtual authenticator (what a phone's screen lock would do).
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        await page.GotoAsync("/account");
        await page.GetByTestId("security").GetByRole(AriaRole.Link, new() { Name = "Add one" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Passkeys", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Name it").FillAsync("My phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("Passkey \"My phone\" added");
        await Expect(page.GetByTestId("passkey")).ToContainTextAsync("My phone");
        await Accessibility.AssertNoneAsync(page);
        await AssertFitsAsync(page, "the passkeys page");
        await BrowserFixture.ScreenshotAsync(page, "passkeys-phone");

        // Log out, and back in with the passkey alone: no password, no code.
        await LogOutAsync(page);
        await page.GotoAsync("/account/login");
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "login-with-passkey-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/events$"));
        await Expect(page.Locator(".toast")).ToContainTextAsync("Welcome back");
        await page.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await page.GotoAsync("/account");
        await BrowserFixture.ScreenshotAsync(page, "account-security-desktop");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
