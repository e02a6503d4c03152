using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(BrowserCollection.Name)]
public class PublicEventJourneyTests(BrowserFixture browser)
{
    // A 1 × 1 PNG with transparency, as a picture to upload.
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    [Fact]
    public async Task An_organisation_publishes_an_event_a_moderator_approves_it_and_a_visitor_on_a_phone_finds_it_and_saves_it()
    {
        var consoleErrors = new List<string>();
        var owner = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        var email = await Journeys.RegisterConfirmedAsync(browser, owner, "Ola Organiser");

        // The organisation, from "My events".
        var orgName = await Journeys.CreateOrganisationAsync(owner, "Riverside Jazz", "Lisbon (PT)", () => Accessibility.LookAsync(owner, "organisation-new-phone"));
        await Accessibility.LookAsync(owner, "organisation-phone");

        // A public event, sent for review.
        await owner.GetByRole(AriaRole.Link, new() { Name = "New public event" }).ClickAsync();
        await owner.GetByLabel("Event name").FillAsync("Fado by the River");
        await owner.GetByLabel("Summary").FillAsync("An evening of fado on the terrace.");
        var day = DateTime.UtcNow.Date.AddDays(3);
        await owner.GetByLabel("Starts").FillAsync($"{day:yyyy-MM-dd}T21:00");
        await owner.GetByLabel("Category").SelectOptionAsync("Music");
        await owner.GetByLabel("Venue").FillAsync("Cais do Sodré terrace");
        await owner.GetByLabel("Street address").FillAsync("Rua Nova do Carvalho 1");
        await owner.GetByLabel("Lowest price (blank if free)").FillAsync("12");
        await Expect(owner.GetByLabel("Currency", new() { Exact = true })).ToHaveValueAsync("EUR"); // from the organisation's home city
        await owner.GetByLabel("Places", new() { Exact = true }).FillAsync("1");
        await owner.GetByLabel("Picture (optional)").SetInputFilesAsync(new FilePayload { Name = "fado.png", MimeType = "image/png", Buffer = Convert.FromBase64String(OnePixelPng) });
        await Accessibility.LookAsync(owner, "public-event-new-phone");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(owner.GetByTestId("event-status")).ToHaveTextAsync("Draft");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Edit details" }).ClickAsync();
        await Expect(owner.GetByLabel("Event name")).ToHaveValueAsync("Fado by the River");
        await Accessibility.LookAsync(owner, "public-event-edit-phone");
        await owner.GoBackAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Expect(owner.GetByTestId("event-status")).ToHaveTextAsync("In review");
        await Accessibility.LookAsync(owner, "public-event-in-review-phone");

        // A moderator approves it.
        var moderator = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        var moderatorEmail = await Journeys.RegisterAsync(moderator, "Mia Moderator");
        await browser.App.ExecuteAsync("UPDATE users SET site_role = 'Moderator' WHERE email = @email", ("email", moderatorEmail));
        await moderator.GotoAsync("/staff/review");
        var item = moderator.GetByTestId("review-item").Filter(new() { HasText = "Fado by the River" });
        await Expect(item).ToContainTextAsync(orgName);
        await Accessibility.LookAsync(moderator, "staff-review-phone");
        await moderator.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await Accessibility.LookAsync(moderator, "staff-review-desktop");
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve Fado by the River" }).ClickAsync();
        await Expect(moderator.Locator(".toast")).ToContainTextAsync("Approved");
        await browser.WaitForMailAsync(m => m.RcptTos.Contains(email) && m.Subject == "“Fado by the River” is published");

        // The organisation's profile, with the members and an invitation waiting.
        await owner.GotoAsync("/events");
        await owner.GetByRole(AriaRole.Link, new() { Name = orgName }).ClickAsync();
        await owner.GetByLabel("Email address").FillAsync($"helper.{Guid.NewGuid():N}@example.test");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send invitation or save" }).ClickAsync();
        await Expect(owner.GetByTestId("organisation-invitation")).ToBeVisibleAsync();
        await Accessibility.LookAsync(owner, "organisation-members-phone");
        await owner.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await Accessibility.LookAsync(owner, "organisation-members-desktop");
        await owner.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);
        await owner.GetByRole(AriaRole.Link, new() { Name = "Edit profile" }).ClickAsync();
        await Accessibility.LookAsync(owner, "organisation-settings-phone");

        // A visitor on a phone, not logged in, finds it by words (misspelt) and by city and day, and saves it to a calendar.
        var visitor = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await visitor.GotoAsync("/");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Discover" }).ClickAsync();
        await visitor.GetByLabel("Search", new() { Exact = true }).FillAsync("fado rivr");
        await visitor.WaitForURLAsync(new Regex("q=fado"));
        await Expect(visitor.GetByTestId("catalog-item").Filter(new() { HasText = "Fado by the River" })).ToContainTextAsync("From €12");
        await visitor.GetByLabel("Search", new() { Exact = true }).FillAsync("");
        await visitor.GetByLabel("City").SelectOptionAsync("lisbon");
        await visitor.WaitForURLAsync(new Regex("city=lisbon"));
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Events in Lisbon" })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("subscribe")).ToHaveAttributeAsync("href", new Regex("^webcal://.*/feeds/cities/lisbon\\.ics$"));
        await visitor.GetByLabel("When").SelectOptionAsync("Week");
        await visitor.WaitForURLAsync(new Regex("when=Week"));
        await Expect(visitor.GetByTestId("catalog-item").Filter(new() { HasText = "Fado by the River" })).ToBeVisibleAsync();
        await Accessibility.LookAsync(visitor, "catalog-phone");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Fado by the River" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Fado by the River" })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("public-when")).ToContainTextAsync("21:00");
        await Expect(visitor.GetByTestId("public-when")).ToContainTextAsync("(Lisbon time)");
        Assert.Contains("\"@type\":\"Event\"", await visitor.Locator("script[type='application/ld+json']").TextContentAsync());
        await Expect(visitor.GetByTestId("public-image")).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("public-price")).ToHaveTextAsync("From €12");
        await Accessibility.LookAsync(visitor, "public-event-phone");
        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.GetByTestId("add-to-calendar").ClickAsync());
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("SUMMARY:Fado by the River", ics);
        Assert.Contains("TZID=Europe/Lisbon", ics);

        // Someone signed in takes the one place in one step; the page then says it is full.
        await moderator.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);
        await moderator.GotoAsync(visitor.Url);
        await Expect(moderator.GetByTestId("places-left")).ToHaveTextAsync("1 place left.");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(moderator.GetByTestId("registration")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Accessibility.LookAsync(moderator, "registration-phone");
        var registered = await browser.WaitForMailAsync(m => m.RcptTos.Contains(moderatorEmail) && m.Subject == "You're registered: Fado by the River");
        var link = Regex.Match(registered.Text!, @"http://localhost:\d+/registrations/\S+").Value;
        var mail = await browser.NewPageAsync(BrowserFixture.Phone);
        await mail.SetContentAsync(registered.Html!);
        await Expect(mail.GetByRole(AriaRole.Link, new() { Name = "See or cancel your registration" })).ToHaveAttributeAsync("href", link);
        await BrowserFixture.ScreenshotAsync(mail, "registration-mail-phone");
        Assert.True(await mail.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the email is wider than a phone");
        await mail.Context.CloseAsync();
        await moderator.GotoAsync("/events");
        await Expect(moderator.GetByTestId("registration-row")).ToContainTextAsync("Fado by the River");
        await Accessibility.LookAsync(moderator, "my-events-registered-phone");
        await moderator.GoBackAsync();
        await visitor.ReloadAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Full: join the waiting list" })).ToBeVisibleAsync();
        await Accessibility.LookAsync(visitor, "public-event-full-phone");
        await visitor.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await BrowserFixture.ScreenshotAsync(visitor, "public-event-desktop");
        await moderator.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
        await BrowserFixture.ScreenshotAsync(moderator, "registration-desktop");
        await visitor.GotoAsync("/cities/lisbon?q=fado");
        await BrowserFixture.ScreenshotAsync(visitor, "catalog-desktop");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
