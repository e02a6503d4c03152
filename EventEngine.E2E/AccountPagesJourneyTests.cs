using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(BrowserCollection.Name)]
public class AccountPagesJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task On_a_phone_staff_find_and_lock_an_account_and_a_person_downloads_their_data_and_deletes_their_account()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        var leaver = await Journeys.RegisterAsync(page, "Hana Leaving");
        await Journeys.CreateEventAsync(page, "Hana's Picnic", "2027-07-01T12:00", "Europe/London", "GB");

        // The event is hers alone: the page says so and holds the button back.
        await page.GotoAsync("/account/delete");
        await Expect(page.GetByTestId("blocking-event")).ToContainTextAsync("Hana's Picnic");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" })).ToBeDisabledAsync();
        await Accessibility.LookAsync(page, "delete-account-blocked-phone");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-data").ClickAsync());
        Assert.Matches(@"^eventengine-my-data-\d{4}-\d{2}-\d{2}\.json$", download.SuggestedFilename);
        Assert.Contains("Hana's Picnic", await File.ReadAllTextAsync((await download.PathAsync())!));

        // Staff (made on the server) find her, lock and unlock her account.
        var staff = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        var staffEmail = await Journeys.RegisterAsync(staff, "Sam Staff");
        await browser.App.ExecuteAsync("UPDATE users SET site_role = 'Administrator' WHERE email = @email", ("email", staffEmail));
        await staff.GotoAsync("/staff");
        await staff.GetByLabel("Search accounts").FillAsync("hana.leaving");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(staff.GetByTestId("account")).ToHaveCountAsync(1);
        await Expect(staff.GetByTestId("account")).ToContainTextAsync("1 event");
        await Accessibility.LookAsync(staff, "staff-accounts-phone");
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Lock {leaver}" }).ClickAsync();
        await Expect(staff.Locator(".toast")).ToContainTextAsync("is locked and logged out everywhere");
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Unlock {leaver}" }).ClickAsync();
        await staff.GotoAsync("/staff/log");
        // Other journeys share the app, and staff actions of theirs may be in the log too.
        await Expect(staff.GetByTestId("staff-action").Filter(new() { HasText = leaver })).ToHaveCountAsync(2);
        await Accessibility.LookAsync(staff, "staff-log-phone");
        await staff.GotoAsync("/staff/roles");
        await Expect(staff.GetByTestId("staff-member").Filter(new() { HasText = staffEmail })).ToContainTextAsync("Sam Staff");
        await Accessibility.LookAsync(staff, "staff-roles-phone");
        await staff.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await staff.GotoAsync("/staff");
        await BrowserFixture.ScreenshotAsync(staff, "staff-accounts-desktop");

        // Locked, she was logged out; she logs in again, deletes the event, then her account.
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(leaver);
        await page.GetByLabel("Password").FillAsync(Journeys.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/events$"));
        await page.GotoAsync("/account/delete");
        await page.GetByTestId("blocking-event").GetByRole(AriaRole.Link, new() { Name = "Delete event" }).ClickAsync();
        await page.GetByLabel("Type the event's name to confirm").FillAsync("Hana's Picnic");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete event" }).ClickAsync();
        await page.GotoAsync("/account/delete");
        await Expect(page.GetByTestId("blocking-event")).ToHaveCountAsync(0);
        await page.GetByLabel("Your password").FillAsync(Journeys.Password);
        await Accessibility.LookAsync(page, "delete-account-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("Your account is deleted");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).First).ToBeVisibleAsync();
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
