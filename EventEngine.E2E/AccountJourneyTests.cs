using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(BrowserCollection.Name)]
public class AccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task On_a_phone_a_new_host_confirms_their_email_from_the_captured_mail_and_resets_a_forgotten_password()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        var email = await Journeys.RegisterAsync(page, "Farah Host");

        // Reminded, not blocked.
        await Expect(page.GetByTestId("confirm-banner")).ToContainTextAsync(email);
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "confirm-banner-phone");
        var confirmation = await browser.WaitForMailAsync(m => m.RcptTos.Contains(email) && m.Subject == "Confirm your email address for EventEngine");
        var link = Regex.Match(confirmation.Text!, @"http://localhost:\d+/account/confirm-email/\S+").Value;
        var mail = await browser.NewPageAsync(BrowserFixture.Phone);
        await mail.SetContentAsync(confirmation.Html!);
        await Expect(mail.GetByRole(AriaRole.Link, new() { Name = "Confirm my email address" })).ToHaveAttributeAsync("href", link);
        await BrowserFixture.ScreenshotAsync(mail, "confirm-email-mail-phone");
        Assert.True(await mail.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the email is wider than a phone");
        await mail.Context.CloseAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your email address is confirmed" })).ToBeVisibleAsync();
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "email-confirmed-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to my events" }).ClickAsync();
        await Expect(page.GetByTestId("confirm-banner")).ToHaveCountAsync(0);

        // Forgotten: log out, ask for a link, choose a new password through it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(page.GetByTestId("reset-sent")).ToContainTextAsync(email);
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "forgot-password-phone");
        var reset = await browser.WaitForMailAsync(m => m.RcptTos.Contains(email) && m.Subject == "Reset your EventEngine password");
        await page.GotoAsync(Regex.Match(reset.Text!, @"http://localhost:\d+/account/reset-password/\S+").Value);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("an entirely new passphrase");
        await page.GetByLabel("New password again").FillAsync("an entirely new passphrase");
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "reset-password-phone");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the reset page scrolls sideways");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/events$"));
        await Expect(page.Locator(".toast")).ToContainTextAsync("Your password is changed");

        // The account page: name, password, other logins.
        await page.GotoAsync("/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await page.GetByLabel("Your name").FillAsync("Farah Organiser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("Your name is saved");
        await Accessibility.AssertNoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "account-phone");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the account page scrolls sideways");
        await page.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await Expect(page.GetByTestId("signed-in-name")).ToHaveTextAsync("Farah Organiser");
        await BrowserFixture.ScreenshotAsync(page, "account-desktop");
        await page.GotoAsync("/account/forgot-password");
        await BrowserFixture.ScreenshotAsync(page, "forgot-password-desktop");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
