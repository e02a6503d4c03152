using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(BrowserCollection.Name)]
public class TeamJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_Admin_invites_a_co_organiser_who_registers_through_the_emailed_link_edits_a_guest_and_the_Admin_sees_it_in_the_log()
    {
        var consoleErrors = new List<string>();
        var admin = await browser.NewPageAsync(consoleErrors: consoleErrors);
        await Journeys.RegisterAsync(admin, "Tamar Host");
        var eventPath = await Journeys.CreateEventAsync(admin, "Lakeside Wedding", "2027-08-21T16:00", "Europe/London", "GB");
        await admin.GotoAsync(eventPath + "/guests");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add guest" }).ClickAsync();
        await admin.Locator("#add-guest-form-first").FillAsync("Yosef Mizrahi");
        await admin.Locator("#add-guest-form-email").FillAsync($"yosef.{Guid.NewGuid():N}@example.com");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add guest" }).ClickAsync();
        await Expect(admin.Locator("tr[data-guest-row]").Filter(new() { HasText = "Yosef Mizrahi" })).ToBeVisibleAsync();

        // The Admin invites a co-organiser as an Editor.
        var coEmail = $"lior.{Guid.NewGuid():N}@example.test";
        await admin.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await admin.GetByLabel("Email address").FillAsync(coEmail);
        await admin.GetByLabel("Role").SelectOptionAsync("Editor");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(admin.Locator(".toast-body")).ToContainTextAsync($"Invitation sent to {coEmail}");
        await Expect(admin.GetByTestId("invitation")).ToContainTextAsync(coEmail);
        await Accessibility.AssertNoneAsync(admin);
        await BrowserFixture.ScreenshotAsync(admin, "team-desktop");

        var mail = await browser.WaitForMailAsync(m => m.RcptTos.Contains(coEmail));
        Assert.Equal("Tamar Host invited you to organise Lakeside Wedding", mail.Subject);
        var link = Regex.Match(mail.Text!, @"http://localhost:\d+/invitations/[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(link);

        // The co-organiser, on a phone, registers through the link with the invited address filled in, and joins.
        var co = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await co.GotoAsync(link);
        await Expect(co.GetByRole(AriaRole.Heading, new() { Name = "Join Lakeside Wedding" })).ToBeVisibleAsync();
        await Accessibility.AssertNoneAsync(co);
        await BrowserFixture.ScreenshotAsync(co, "invitation-phone");
        await co.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Expect(co.GetByLabel("Email")).ToHaveValueAsync(coEmail);
        await Expect(co.GetByTestId("invitation-banner")).ToContainTextAsync("Lakeside Wedding");
        await co.GetByLabel("Your name").FillAsync("Lior Planner");
        await co.GetByLabel("Password", new() { Exact = true }).FillAsync(Journeys.Password);
        await co.GetByLabel("Confirm password").FillAsync(Journeys.Password);
        await co.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await co.GetByRole(AriaRole.Button, new() { Name = "Join as Editor" }).ClickAsync();
        await co.WaitForURLAsync(new Regex(Regex.Escape(eventPath) + "$"));
        await Expect(co.Locator(".toast-body")).ToContainTextAsync("Welcome to the team of Lakeside Wedding");

        // As an Editor, they seat the guest at a table.
        await co.GotoAsync(eventPath + "/guests");
        await co.GetByLabel("More for Yosef Mizrahi").ClickAsync();
        await co.Locator("#row-menu").GetByRole(AriaRole.Menuitem, new() { Name = "All details and history" }).ClickAsync();
        await co.Locator("#edit-guest-form-table").FillAsync("Table 3");
        await co.Locator("#edit-guest-form button[type=submit]").ClickAsync();
        await co.WaitForURLAsync(new Regex("/guests$"));

        // The Admin sees who did it, what changed and when.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        var entry = admin.GetByTestId("activity-entry").Filter(new() { HasText = "Edited guest Yosef Mizrahi" });
        await Expect(entry).ToContainTextAsync("Lior Planner");
        await Expect(entry).ToContainTextAsync("Table: (empty) → Table 3");
        await Expect(admin.GetByTestId("activity-entry").Filter(new() { HasText = "Joined the team as an Editor" })).ToContainTextAsync("Lior Planner");
        await admin.GetByLabel("Person").SelectOptionAsync(new SelectOptionValue { Label = "Lior Planner" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(admin.GetByTestId("activity-entry")).ToHaveCountAsync(2);
        await Accessibility.AssertNoneAsync(admin);
        await BrowserFixture.ScreenshotAsync(admin, "activity-desktop");

        await admin.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);
        foreach (var (path, name) in new[] { ("/members", "team-phone"), ("/activity", "activity-phone") })
        {
            await admin.GotoAsync(eventPath + path);
            Assert.True(await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways on a phone");
            await BrowserFixture.ScreenshotAsync(admin, name);
        }
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors.Take(3)));
    }
}
