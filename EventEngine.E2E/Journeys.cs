using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EventEngine.E2E;

/// <summary>Steps that several journeys share, done the way a person does them: through the pages.</summary>
public static class Journeys
{
    public const string Password = "a long enough passphrase";

    public static async Task<string> RegisterAsync(IPage page, string name)
    {
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.test";
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/events");
        }
        catch (TimeoutException)
        {
            // Say where registration ended up: the browser's own message names only the wait.
            await Infrastructure.BrowserFixture.ScreenshotAsync(page, "failed-registration");
            throw new TimeoutException($"Registration did not reach /events; the page is {page.Url}, titled \"{await page.TitleAsync()}\", saying: " +
                (await page.Locator("main").InnerTextAsync()).ReplaceLineEndings(" "));
        }
        return email;
    }

    /// <summary>A new account whose address is confirmed from the captured email (as organisations need); returns the address.</summary>
    public static async Task<string> RegisterConfirmedAsync(Infrastructure.BrowserFixture browser, IPage page, string name)
    {
        var email = await RegisterAsync(page, name);
        var confirmation = await browser.WaitForMailAsync(m => m.RcptTos.Contains(email) && m.Subject == "Confirm your email address for EventEngine");
        await page.GotoAsync(Regex.Match(confirmation.Text!, @"http://localhost:\d+/account/confirm-email/\S+").Value);
        return email;
    }

    /// <summary>
    /// A new organisation from "My events", named <paramref name="prefix"/> and a unique tail, with its home city;
    /// <paramref name="look"/> runs on the filled form before it is sent. Returns the name; ends on its page.
    /// </summary>
    public static async Task<string> CreateOrganisationAsync(IPage page, string prefix, string cityLabel, Func<Task>? look = null)
    {
        await page.GotoAsync("/events");
        await page.GetByRole(AriaRole.Link, new() { Name = "+ New organisation" }).ClickAsync();
        var name = $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 8)];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Home city (optional)").SelectOptionAsync(new SelectOptionValue { Label = cityLabel });
        if (look is not null) await look();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        return name;
    }

    /// <summary>Fills the event form (create or edit) and submits it; returns when the event page has loaded.</summary>
    public static async Task FillEventFormAsync(IPage page, string name, string startsLocal, string zone, string country, string submit)
    {
        await page.GetByLabel("Event name").FillAsync(name);
        await page.GetByLabel("Starts").FillAsync(startsLocal);
        await page.GetByLabel("Time zone").SelectOptionAsync(zone);
        await page.GetByLabel("Default country for phone numbers").SelectOptionAsync(country);
        await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
    }

    /// <summary>Creates an event through /events/new and returns its path (/events/{id}) once its page has loaded.</summary>
    public static async Task<string> CreateEventAsync(IPage page, string name, string startsLocal, string zone, string country)
    {
        await page.GotoAsync("/events/new");
        await FillEventFormAsync(page, name, startsLocal, zone, country, "Create event");
        await page.WaitForURLAsync(new Regex("/events/[0-9a-f-]{36}$"));
        return new Uri(page.Url).AbsolutePath;
    }
}
