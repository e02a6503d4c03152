using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for a test class: scripts/mailcatcher.py (Debian's python3-aiosmtpd), keeping each message it
/// accepts as .eml plus a parsed .json. Addresses starting with "tempfail" get 451, "reject" 550.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly Process process;
    public string Directory { get; }
    public int Port { get; }

    private MailCatcher(Process process, string directory, int port)
    {
        this.process = process;
        Directory = directory;
        Port = port;
    }

    public static async Task<MailCatcher> StartAsync()
    {
        var port = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), $"ee-mail-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "mailcatcher.py"));
        start.ArgumentList.Add("--smtp");
        start.ArgumentList.Add($"127.0.0.1:{port}");
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(directory);
        var catcher = new MailCatcher(Process.Start(start)!, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (catcher.process.HasExited)
                throw new InvalidOperationException("The mail catcher stopped: " + await catcher.process.StandardError.ReadToEndAsync());
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return catcher;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("The mail catcher did not start listening (is python3-aiosmtpd installed? scripts/test installs it).");
    }

    public IReadOnlyList<CapturedMail> Messages()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.GetFiles(Directory, "*.json").Order()
            .Select(f => JsonSerializer.Deserialize<CapturedMail>(File.ReadAllText(f), JsonOptions)!)
            .ToList();
    }

    public async Task<IReadOnlyList<CapturedMail>> WaitForAsync(int count, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count || DateTime.UtcNow > deadline) return messages;
            await Task.Delay(50);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EventEngine.Web.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

public sealed record CapturedMail(string Id, string MailFrom, List<string> RcptTos, List<List<string>> Headers, string Subject, string? Text, string? Html,
    List<CapturedAttachment> Attachments)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h[0], name, StringComparison.OrdinalIgnoreCase))?[1];
}

public sealed record CapturedAttachment(string? Filename, string ContentType, string? Content);
