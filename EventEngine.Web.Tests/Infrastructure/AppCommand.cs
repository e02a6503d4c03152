using System.Diagnostics;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>The built app run as an operator runs it on the server (dotnet EventEngine.Web.dll …), in its own process.</summary>
public static class AppCommand
{
    public static async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var web = Path.Combine(MailCatcher.RepositoryRoot(), "EventEngine.Web");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(web, "bin", configuration, "net10.0", "EventEngine.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("ConnectionStrings__Migrations");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["Rsvp__LinkKey"] = AppFactory.RsvpLinkKey;
        start.Environment["Demo__Seed"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }
}
