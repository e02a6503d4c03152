using System.Globalization;
using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(BrowserCollection.Name)]
public class SeriesJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_on_a_phone_registers_for_next_weeks_class_confirms_from_the_email_and_cancels_and_the_next_person_waiting_is_offered_the_place()
    {
        var consoleErrors = new List<string>();

        // An organisation (trusted, so its events publish without review) sets up a weekly class with one place.
        var owner = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await Journeys.RegisterConfirmedAsync(browser, owner, "Yara Yogi");
        var orgName = await Journeys.CreateOrganisationAsync(owner, "Studio", "London (GB)");
        await browser.App.ExecuteAsync("UPDATE organisations SET trusted = true WHERE name = @name", ("name", orgName));

        await owner.GetByRole(AriaRole.Link, new() { Name = "New public event" }).ClickAsync();
        var first = DateTime.UtcNow.Date.AddDays(1);
        await owner.GetByLabel("Event name").FillAsync("Evening Yoga");
        await owner.GetByLabel("Summary").FillAsync("An hour of gentle yoga after work.");
        await owner.GetByLabel("Starts").FillAsync($"{first:yyyy-MM-dd}T19:00");
        await owner.GetByLabel("Ends (optional)").FillAsync($"{first:yyyy-MM-dd}T20:00");
        await owner.GetByLabel("Category").SelectOptionAsync("Wellness");
        await owner.GetByLabel("Venue").FillAsync("Canal Studio");
        await owner.GetByLabel("Places", new() { Exact = true }).FillAsync("1");
        await owner.GetByLabel("Repeats").SelectOptionAsync("Weekly");
        await Expect(owner.GetByRole(AriaRole.Group, new() { Name = "Days of the week" })).ToBeVisibleAsync();
        await owner.GetByLabel("Ends", new() { Exact = true }).SelectOptionAsync("AfterCount");
        await owner.GetByLabel("Number of dates").FillAsync("6");
        await owner.GetByLabel("Repeats").ScrollIntoViewIfNeededAsync();
        await Accessibility.LookAsync(owner, "public-event-repeat-phone");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Expect(owner.GetByTestId("event-status")).ToHaveTextAsync("Published");
        await owner.GetByRole(AriaRole.Link, new() { Name = "See and change the dates" }).ClickAsync();
        await Expect(owner.GetByTestId("date")).ToHaveCountAsync(6);
        await Expect(owner.GetByTestId("repeat-rule")).ToContainTextAsync("Every week on");
        await Accessibility.LookAsync(owner, "series-dates-phone");

        // A visitor finds next week's class in the catalog and registers with a name and an address.
        var visitor = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await visitor.GotoAsync("/discover?q=yoga");
        var dates = visitor.GetByTestId("catalog-item").Filter(new() { HasText = "Evening Yoga" });
        await Expect(dates).ToHaveCountAsync(6);
        await Accessibility.LookAsync(visitor, "catalog-series-phone");
        await dates.Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        var nextWeek = first.AddDays(7).ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
        await Expect(visitor.GetByTestId("public-when")).ToContainTextAsync($"{nextWeek}, 19:00");
        await Expect(visitor.GetByTestId("places-left")).ToHaveTextAsync("1 place left.");
        var datePage = visitor.Url;
        var vera = $"vera.{Guid.NewGuid():N}@example.test";
        await visitor.GetByLabel("Your name").FillAsync("Vera Visitor");
        await visitor.GetByLabel("Email").FillAsync(vera);
        await Accessibility.LookAsync(visitor, "series-date-phone");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(visitor.Locator(".toast")).ToContainTextAsync($"we sent a link to {vera}");

        // She confirms from the captured email.
        var held = await browser.WaitForMailAsync(m => m.RcptTos.Contains(vera) && m.Subject == "Confirm your place: Evening Yoga");
        Assert.Contains($"{nextWeek}, 19:00", held.Text);
        var link = Regex.Match(held.Text!, @"http://localhost:\d+/registrations/\S+").Value;
        await visitor.GotoAsync(link);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Confirm my place" }).ClickAsync();
        await Expect(visitor.GetByTestId("registration")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Expect(visitor.GetByTestId("registration")).ToContainTextAsync($"{nextWeek}, 19:00");
        var placed = await browser.WaitForMailAsync(m => m.RcptTos.Contains(vera) && m.Subject == "You're registered: Evening Yoga");
        Assert.Contains($"{nextWeek}, 19:00", placed.Text);

        // The class is now full: the next visitor joins its waiting list.
        var next = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await next.GotoAsync(datePage);
        await Expect(next.GetByRole(AriaRole.Heading, new() { Name = "Full: join the waiting list" })).ToBeVisibleAsync();
        var nina = $"nina.{Guid.NewGuid():N}@example.test";
        await next.GetByLabel("Your name").FillAsync("Nina Next");
        await next.GetByLabel("Email").FillAsync(nina);
        await next.GetByRole(AriaRole.Button, new() { Name = "Join the waiting list" }).ClickAsync();
        await browser.WaitForMailAsync(m => m.RcptTos.Contains(nina) && m.Subject == "You're on the waiting list: Evening Yoga");
        var datesUrl = owner.Url;
        await owner.GotoAsync(Regex.Replace(datesUrl, "/dates$", "/waiting"));
        await Expect(owner.GetByTestId("waiting-row")).ToContainTextAsync("Nina Next");
        await Accessibility.LookAsync(owner, "waiting-list-phone");
        await owner.GotoAsync(datesUrl);

        // Vera cancels later; Nina is offered the place and takes it.
        await visitor.GotoAsync(link);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Cancel my registration" }).ClickAsync();
        await Expect(visitor.GetByTestId("registration")).ToHaveAttributeAsync("data-status", "Cancelled");
        var offer = await browser.WaitForMailAsync(m => m.RcptTos.Contains(nina) && m.Subject == "A place is yours if you want it: Evening Yoga");
        await next.GotoAsync(Regex.Match(offer.Text!, @"http://localhost:\d+/registrations/\S+").Value);
        await Accessibility.LookAsync(next, "registration-offer-phone");
        await next.GetByRole(AriaRole.Button, new() { Name = "Take the place" }).ClickAsync();
        await Expect(next.GetByTestId("registration")).ToHaveAttributeAsync("data-status", "Confirmed");

        // The organiser sees it on the dates page, and Nina in the guest table; at the door, one tap marks her arrived.
        await owner.ReloadAsync();
        await Expect(owner.GetByTestId("date").Nth(1)).ToContainTextAsync("1 of 1 places taken");
        var eventPath = Regex.Match(owner.Url, "/events/[0-9a-f-]+").Value;
        await owner.GotoAsync($"{eventPath}/guests?registration=Registered");
        await Expect(owner.Locator("[data-guest-row]")).ToHaveCountAsync(1);
        await Expect(owner.Locator("[data-guest-row] [data-field=registration]")).ToHaveTextAsync("Registered");
        await Accessibility.LookAsync(owner, "series-guests-phone");
        await owner.GotoAsync($"{eventPath}/door?date={first.AddDays(7):yyyy-MM-dd}");
        await owner.GetByLabel("Find by name").FillAsync("nina");
        await Expect(owner.GetByTestId("door-person")).ToHaveCountAsync(1);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Arrived: Nina Next" }).ClickAsync();
        await Expect(owner.GetByTestId("door-person")).ToHaveAttributeAsync("data-arrived", "true");
        await owner.ReloadAsync();
        await Expect(owner.GetByTestId("door-count")).ToHaveTextAsync("1 of 1 person arrived");
        await Accessibility.LookAsync(owner, "door-phone");
        await owner.GotoAsync($"{eventPath}/dashboard");
        await Expect(owner.GetByTestId("registrations")).ToBeVisibleAsync();
        await Accessibility.LookAsync(owner, "series-dashboard-phone");
        await owner.GotoAsync($"{eventPath}/dates");
        await owner.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await owner.GetByTestId("date").Nth(1).GetByText("Change this date").ClickAsync();
        await BrowserFixture.ScreenshotAsync(owner, "series-dates-desktop");
        await visitor.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await visitor.GotoAsync(Regex.Replace(datePage, "/\\d{4}-\\d{2}-\\d{2}$", ""));
        await Expect(visitor.GetByTestId("series-date")).ToHaveCountAsync(6);
        await BrowserFixture.ScreenshotAsync(visitor, "series-desktop");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
