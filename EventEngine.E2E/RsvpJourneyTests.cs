using System.Text.RegularExpressions;
using EventEngine.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventEngine.E2E;

[Collection(BrowserCollection.Name)]
public class RsvpJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_guest_opens_the_emailed_link_on_a_phone_answers_for_two_and_a_plus_one_changes_it_and_saves_the_calendar_file()
    {
        var consoleErrors = new List<string>();
        var host = await browser.NewPageAsync(consoleErrors: consoleErrors);
        var hostEmail = await Journeys.RegisterAsync(host, "Rina Host");
        var eventPath = await Journeys.CreateEventAsync(host, "Hudson Garden Wedding", "2027-06-12T15:00", "America/New_York", "US");
        var maya = $"maya.{Guid.NewGuid():N}@example.com";
        var eli = $"eli.{Guid.NewGuid():N}@example.com";

        await host.GotoAsync(eventPath + "/guests/household");
        await host.Locator("input[name=Name]").FillAsync("Cohen family");
        await host.Locator("#member-0-FirstName").FillAsync("Maya");
        await host.Locator("#member-0-LastName").FillAsync("Cohen");
        await host.Locator("#member-0-Email").FillAsync(maya);
        await host.Locator("#member-1-FirstName").FillAsync("Eli");
        await host.Locator("#member-1-LastName").FillAsync("Cohen");
        await host.Locator("#member-1-Email").FillAsync(eli);
        await host.GetByRole(AriaRole.Button, new() { Name = "Add household" }).ClickAsync();
        await host.WaitForURLAsync(new Regex("/guests\\?household="));
        var edit = await host.Locator("tr[data-guest-row]").Filter(new() { HasText = "Maya Cohen" }).GetByRole(AriaRole.Link, new() { Name = "Edit Maya Cohen" }).GetAttributeAsync("href");
        await host.GotoAsync(edit!);
        await host.Locator("#edit-guest-form-allowed").FillAsync("1");
        await host.Locator("#edit-guest-form button[type=submit]").ClickAsync();
        await host.WaitForURLAsync(new Regex("/guests$"));

        // The composer opens on the invitation, says at the top who gets it, and sends the host a test first. The test
        // carries no guest's link.
        await host.GotoAsync(eventPath + "/messages/new");
        await Expect(host.Locator(".purpose-tabs a.active")).ToHaveTextAsync("Invitation");
        await Expect(host.GetByTestId("recipients")).ToContainTextAsync("All 2 guests");
        await host.WaitForLoadStateAsync(LoadState.NetworkIdle); // the preview has loaded
        // No unfilled "__" placeholder; links are left out, since a token in one may hold "__" by chance.
        Assert.DoesNotContain("__", await host.Locator("main").EvaluateAsync<string>("m => m.innerText.replace(/https?:\\/\\/\\S+/g, '')"));
        await Accessibility.AssertNoneAsync(host);
        await BrowserFixture.ScreenshotAsync(host, "compose-desktop");
        await host.GetByRole(AriaRole.Button, new() { Name = "Send a test to me" }).ClickAsync();
        await Expect(host.Locator(".toast").Filter(new() { HasText = $"Test sent to {hostEmail}" })).ToBeVisibleAsync();
        var test = await browser.WaitForMailAsync(m => m.RcptTos.Contains(hostEmail) && m.Subject.StartsWith("[Test] You're invited"));
        Assert.Contains("Dear Maya and Eli,", test.Text);
        Assert.DoesNotContain("/rsvp/", test.Text);
        await host.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);
        await Accessibility.AssertNoneAsync(host);
        await BrowserFixture.ScreenshotAsync(host, "compose-phone");
        Assert.True(await host.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the composer scrolls sideways");
        await host.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);

        // The host sends the standard invitation to everyone.
        await host.GetByTestId("send-button").ClickAsync();
        await host.WaitForURLAsync(new Regex("/messages\\?broadcast="));
        var invitation = await browser.WaitForMailAsync(m => m.RcptTos.Contains(maya) && m.Subject.StartsWith("You're invited"));
        var link = Regex.Match(invitation.Text!, @"http://localhost:\d+/rsvp/[A-Za-z0-9_-]{43}\?via=email").Value;
        Assert.NotEmpty(link);
        // Mozilla's ical.js reads the invitation's calendar part: 15:00 in New York is 19:00 UTC by the file's own
        // time zone rules, and the file asks for no answer (the answer is given through the link).
        Assert.Contains("method=PUBLISH", invitation.Calendar!.ContentType.Replace("\"", ""));
        var emailed = await CalendarCheck.ReadAsync(host, invitation.Calendar.Content);
        Assert.Equal(("PUBLISH", "Hudson Garden Wedding", "2027-06-12T19:00:00.000Z", "America/New_York", 0),
            (emailed.Method, emailed.Summary, emailed.StartUtc, emailed.Zone, emailed.Attendees));
        Assert.All(emailed.Observances, o => Assert.DoesNotMatch(@": (\S+) -> \1$", o));

        // The email itself, as a phone's mail app shows it: a greeting for the household, a button, nothing wider than the screen.
        foreach (var (width, name) in new[] { (375, "invitation-email-phone"), (320, "invitation-email-320"), (1280, "invitation-email-desktop") })
        {
            var mail = await browser.NewPageAsync(new() { Width = width, Height = 800 });
            await mail.SetContentAsync(invitation.Html!);
            await Expect(mail.GetByText("Dear Maya and Eli,")).ToBeVisibleAsync();
            await Expect(mail.GetByRole(AriaRole.Link, new() { Name = "Reply to the invitation" })).ToHaveAttributeAsync("href", link);
            await BrowserFixture.ScreenshotAsync(mail, name);
            var overflow = await mail.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The invitation email is {overflow}px wider than a {width}px screen.");
            await mail.Context.CloseAsync();
        }

        var guest = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        var requests = new List<string>();
        guest.Request += (_, request) => requests.Add(request.Url);
        await guest.GotoAsync(link);
        await Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "Hudson Garden Wedding" })).ToBeVisibleAsync();
        await Expect(guest.Locator(".rsvp-facts")).ToContainTextAsync("Saturday 12 June 2027");
        await Expect(guest.Locator(".rsvp-facts")).ToContainTextAsync("15:00 EDT");
        Assert.All(requests, url => Assert.StartsWith(browser.App.BaseUrl, url)); // nothing from other sites
        Assert.Empty(await Accessibility.ViolationsAsync(guest));
        Assert.True(await guest.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await BrowserFixture.ScreenshotAsync(guest, "rsvp-phone");

        await guest.EvaluateAsync("() => window.notReloaded = true");
        await Member(guest, "Maya Cohen").GetByText("Yes, I'll be there").ClickAsync();
        await guest.GetByLabel("Guest 1: name").FillAsync("Sam Levi");
        await guest.GetByLabel("Guest 1: dietary needs").FillAsync("vegan");
        await Member(guest, "Eli Cohen").GetByText("Yes, I'll be there").ClickAsync();
        await guest.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(guest.Locator(".rsvp-saved")).ToHaveTextAsync("Thank you! Your answer has been saved.");
        await Expect(guest.Locator(".rsvp-summary")).ToContainTextAsync("Maya Cohen: Attending, with Sam Levi");
        await Expect(guest.Locator(".rsvp-summary")).ToContainTextAsync("Eli Cohen: Attending");
        Assert.True(await guest.EvaluateAsync<bool>("() => window.notReloaded === true")); // htmx swapped the answer in place
        Assert.Empty(await Accessibility.ViolationsAsync(guest));
        await BrowserFixture.ScreenshotAsync(guest, "rsvp-saved-phone");

        await guest.GetByRole(AriaRole.Link, new() { Name = "Change my answer" }).ClickAsync();
        await Member(guest, "Eli Cohen").GetByText("Sorry, I can't come").ClickAsync();
        await guest.GetByRole(AriaRole.Button, new() { Name = "Update my answer" }).ClickAsync();
        await Expect(guest.Locator(".rsvp-summary")).ToContainTextAsync("Eli Cohen: Not attending");
        await Expect(guest.Locator(".rsvp-summary")).ToContainTextAsync("Maya Cohen: Attending, with Sam Levi");

        var download = await guest.RunAndWaitForDownloadAsync(() => guest.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar" }).ClickAsync());
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = Regex.Replace(ics, "\r\n ", "").Split("\r\n");
        Assert.Contains("DTSTART;TZID=America/New_York:20270612T150000", lines);
        var zone = lines.SkipWhile(l => l != "BEGIN:VTIMEZONE").TakeWhile(l => l != "END:VTIMEZONE").ToList();
        Assert.Contains("TZID:America/New_York", zone);
        Assert.Contains("TZOFFSETTO:-0400", zone);
        var saved = await CalendarCheck.ReadAsync(guest, ics);
        Assert.Equal(("PUBLISH", "2027-06-12T19:00:00.000Z", 0), (saved.Method, saved.StartUtc, saved.Attendees));

        // The confirmation goes back by email, the channel the link came from; the host sees the answers at once.
        var first = await browser.WaitForMailAsync(m => m.RcptTos.Contains(maya) && m.Subject.StartsWith("Your answer"));
        Assert.Contains("Maya Cohen: Attending, with Sam Levi", first.Text);
        await browser.WaitForMailAsync(m => m.RcptTos.Contains(eli) && m.Subject.StartsWith("Your answer") && m.Text!.Contains("Eli Cohen: Not attending"));
        await host.GotoAsync(eventPath + "/guests");
        await Expect(host.Locator("tr[data-guest-row]").Filter(new() { HasText = "Maya Cohen" }).Locator("[data-field=plus-ones]")).ToHaveTextAsync("1 of 1");
        await Expect(host.Locator("tr[data-guest-row]").Filter(new() { HasText = "Eli Cohen" }).Locator("[data-field=status]")).ToHaveTextAsync("Declined");

        var hebrew = await browser.NewPageAsync(BrowserFixture.Phone, consoleErrors);
        await hebrew.GotoAsync(link + "&lang=he");
        await Expect(hebrew.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        Assert.Empty(await Accessibility.ViolationsAsync(hebrew));
        await BrowserFixture.ScreenshotAsync(hebrew, "rsvp-hebrew-phone");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors.Take(3)));
    }

    private static ILocator Member(IPage page, string name) =>
        page.Locator("fieldset.rsvp-member").Filter(new() { Has = page.Locator("legend", new() { HasText = name }) });
}
