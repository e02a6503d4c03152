using System.Text.RegularExpressions;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests;

/// <summary>The arrows of ARCHITECTURE.md's layout: what several features share lives outside Pages/, and depends on no page folder.</summary>
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

    [GeneratedRegex(@"EventEngine\.Web\.Pages(\.\w+)*")]
    private static partial Regex PagesNamespace();
}
