using Microsoft.Playwright;

namespace EventEngine.E2E;

/// <summary>Runs axe-core (from npm, see the project file) in a page and lists the WCAG 2.1 A/AA and best-practice violations.</summary>
public static class Accessibility
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // A toast fading in or out is half transparent, and axe would measure its contrast mid-fade. With reduced motion
        // (which Bootstrap honours) toasts show and go without fading, so one that hides while axe runs is never caught
        // half way; and wait until every toast already on its way in is fully shown.
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.toast')].every(t => getComputedStyle(t).opacity === '1')",
            null, new() { Timeout = 10_000 });
        // Likewise a button whose hover colours are still changing (the pointer may rest on it after a click or a new
        // viewport size), or one dimmed while its htmx request runs: move the pointer off the page, and wait for
        // requests and transitions to end (spinners, which never end, aside).
        await page.Mouse.MoveAsync(0, 0);
        await page.WaitForFunctionAsync("""
            () => !document.querySelector('.htmx-request')
                && document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)
            """, null, new() { Timeout = 10_000 });
        // Evaluated through the browser's debugging protocol, which the page's CSP (script-src 'self') does not govern.
        await page.EvaluateAsync(Axe.Value);
        return await page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }))
                .violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
            """);
    }

    /// <summary>Fails with every violation spelled out (xunit's collection messages cut them short).</summary>
    public static async Task AssertNoneAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"Accessibility violations on {page.Url}:\n{string.Join("\n", violations)}");
    }

    /// <summary>The three checks every page a journey changes gets: axe, no sideways scroll, and a screenshot to look at.</summary>
    public static async Task LookAsync(IPage page, string name)
    {
        await AssertNoneAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} scrolls sideways");
        await EventEngine.E2E.Infrastructure.BrowserFixture.ScreenshotAsync(page, name);
    }
}
