using System.Text.RegularExpressions;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests;

/// <summary>
/// The arrows of ARCHITECTURE.md's layout: what several features share lives outside Pages/, and depends on no page
/// folder; addresses are made from page names.
/// </summary>
public partial class LayoutTests
{
    [Fact]
    public void Nothing_outside_Pages_depends_on_a_page_folder()
    {
        var app = Path.Combine(MailCatcher.RepositoryRoot(), "EventEngine.Web");
        var offenders = Directory.EnumerateFiles(app, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(app, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("Pages/") && !f.StartsWith("bin/") && !f.StartsWith("obj/"))
            // The composition root registers every part of the app, page services included.
            .Where(f => f != "Program.cs")
            .SelectMany(f => PagesNamespace().Matches(File.ReadAllText(Path.Combine(app, f))).Select(m => $"{f}: {m.Value}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Move what these use out of Pages/:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Event_addresses_are_spelled_once_in_the_route_convention()
    {
        // Links, form actions and redirects are made from page names (asp-page, Url.Page), so /events is written
        // in EventPagesConvention and the @page lines only; a hand-written "/events/…" would break when it moves.
        var app = Path.Combine(MailCatcher.RepositoryRoot(), "EventEngine.Web");
        var offenders = new[] { "Pages", "wwwroot/js" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(app, folder), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".cshtml") || f.EndsWith(".js"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(app, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("/events", StringComparison.Ordinal) && !l.Text.StartsWith("@page"))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Make these addresses from page names:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"EventEngine\.Web\.Pages(\.\w+)*")]
    private static partial Regex PagesNamespace();
}
