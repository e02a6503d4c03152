using EventEngine.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventEngine.E2E.Infrastructure;

/// <summary>One app process and one headless Chromium (the machine's own: Playwright's download cannot work here) for all journeys.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 860 };
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    private IPlaywright? playwright;
    public AppServer App { get; private set; } = null!;
    public MailCatcher Mail { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mail = await MailCatcher.StartAsync();
        App = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = Mail.Port.ToString(),
            ["Smtp__From"] = "hosts@eventengine.test",
            ["Outbox__PollMilliseconds"] = "200",
        });
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser profile (no cookies) at the given size. Console errors (script failures, CSP violations)
    /// are collected in <paramref name="consoleErrors"/> so a journey can require that there were none.
    /// </summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, List<string>? consoleErrors = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = viewport ?? Desktop, Locale = "en-GB", Permissions = ["clipboard-read", "clipboard-write"] });
        context.SetDefaultTimeout(15_000);
        // A page load waits for its scripts and styles; on a busy 2-core machine running two browsers that has taken over 15 s.
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        if (consoleErrors is not null)
        {
            // Status pages (404, 403) log the failed load itself; anything else is a real error.
            page.Console += (_, message) =>
            {
                if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                    consoleErrors.Add($"{message.Text} (at {message.Location}, page {page.Url})");
            };
            page.PageError += (_, error) => consoleErrors.Add(error);
        }
        return page;
    }

    /// <summary>The first captured email that matches, waiting up to 30 s for the app's outbox to send it.</summary>
    public async Task<CapturedMail> WaitForMailAsync(Func<CapturedMail, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Mail.Messages().FirstOrDefault(match) is { } mail) return mail;
            await Task.Delay(200);
        }
        throw new TimeoutException("The expected email did not arrive.");
    }

    /// <summary>Saves a screenshot under artifacts/screenshots for people to look at; it asserts nothing.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppServer.RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        if (Mail is not null) await Mail.DisposeAsync();
        playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

/// <summary>
/// Journeys run in two collections side by side, each with its own browser, app process, database and mail catcher
/// (xunit gives every collection its own fixture): the guest table's journeys, and everything else.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The guest table's journeys, beside <see cref="BrowserCollection"/>.</summary>
[CollectionDefinition(Name)]
public sealed class GuestTableBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser for the guest table";
}
