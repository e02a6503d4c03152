using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(BrowserCollection.Name)]
public class EventJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_registers_creates_an_event_sees_its_local_time_edits_it_and_logs_out()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(consoleErrors: consoleErrors);
        await Journeys.RegisterAsync(page, "Nadia Host");
        await Expect(page.GetByText("No events yet")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-name")).ToHaveTextAsync("Nadia Host");
        await BrowserFixture.ScreenshotAsync(page, "events-empty-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create your first event" }).ClickAsync();
        await Journeys.FillEventFormAsync(page, "Rooftop Summer Party", "2027-07-04T18:30", "America/New_York", "US", "Create event");
        await page.WaitForURLAsync(new Regex("/events/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("event-name")).ToHaveTextAsync("Rooftop Summer Party");
        await Expect(page.Locator(".toast")).ToContainTextAsync("You are its Admin");
        await BrowserFixture.ScreenshotAsync(page, "event-overview-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "← My events" }).ClickAsync();
        var card = page.GetByTestId("event-card").Filter(new() { HasText = "Rooftop Summer Party" });
        await Expect(card.GetByTestId("event-when")).ToHaveTextAsync(new Regex(@"Sun 4 Jul 2027, 18:30 EDT\s+\(America/New_York\)"));
        await Expect(card.GetByTestId("event-role")).ToHaveTextAsync("Admin");
        await BrowserFixture.ScreenshotAsync(page, "events-list-desktop");

        await card.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit details" }).ClickAsync();
        await Expect(page.GetByLabel("Starts")).ToHaveValueAsync("2027-07-04T18:30");
        await page.GetByLabel("Event name").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByText("Give the event a name.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "event-edit-error-desktop");
        await Journeys.FillEventFormAsync(page, "Rooftop Summer Party (moved)", "2027-07-04T19:00", "America/Chicago", "US", "Save changes");
        await Expect(page.GetByTestId("event-name")).ToHaveTextAsync("Rooftop Summer Party (moved)");
        await Expect(page.GetByTestId("event-when")).ToContainTextAsync("Sun 4 Jul 2027, 19:00 CDT");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));
        await page.GotoAsync("/events");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task A_second_person_cannot_reach_someone_elses_event()
    {
        var owner = await browser.NewPageAsync();
        await Journeys.RegisterAsync(owner, "Olu Owner");
        var eventUrl = await Journeys.CreateEventAsync(owner, "Private Dinner", "2027-02-14T20:00", "Europe/Paris", "FR");

        var stranger = await browser.NewPageAsync();
        await Journeys.RegisterAsync(stranger, "Sam Stranger");
        await Expect(stranger.GetByText("No events yet")).ToBeVisibleAsync();

        foreach (var path in new[] { eventUrl, eventUrl + "/edit", eventUrl + "/delete" })
        {
            var response = await stranger.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Expect(stranger.GetByText("We couldn't find that page.")).ToBeVisibleAsync();
            await Expect(stranger.Locator("body")).Not.ToContainTextAsync("Private Dinner");
        }
        await BrowserFixture.ScreenshotAsync(stranger, "not-found-desktop");
    }

    [Fact]
    public async Task Pages_fit_a_375_pixel_phone_without_sideways_scrolling()
    {
        var consoleErrors = new List<string>();
        var page = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await page.GotoAsync("/");
        await AssertFitsAsync(page, "home-phone");
        await page.GotoAsync("/account/register");
        await AssertFitsAsync(page, "register-phone");
        await Journeys.RegisterAsync(page, "Pia Phone");
        await AssertFitsAsync(page, "events-empty-phone");
        await page.GotoAsync("/events/new");
        await AssertFitsAsync(page, "event-create-phone");
        await Journeys.FillEventFormAsync(page, "A wedding with a rather long name that has to wrap on a small phone screen",
            "2027-09-18T14:00", "Asia/Jerusalem", "IL", "Create event");
        await page.WaitForURLAsync(new Regex("/events/[0-9a-f-]{36}$"));
        await AssertFitsAsync(page, "event-overview-phone");
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/edit");
        await AssertFitsAsync(page, "event-edit-phone");
        await page.GotoAsync("/events");
        await AssertFitsAsync(page, "events-list-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-name")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "nav-open-phone");
        Assert.Empty(consoleErrors);
    }

    private static async Task AssertFitsAsync(IPage page, string screenshot)
    {
        await BrowserFixture.ScreenshotAsync(page, screenshot);
        await Accessibility.AssertNoneAsync(page);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone screen.");
    }
}
