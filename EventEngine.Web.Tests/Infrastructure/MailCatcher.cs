using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for a test class: scripts/mailcatcher.py (Debian's python3-aiosmtpd), keeping each message it
/// accepts as .eml plus a parsed .json. Addresses starting with "tempfail" get 451, "reject" 550. Started with a
/// <see cref="SubmissionServer"/>, it requires STARTTLS with a self-signed certificate made here, and a login.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly Process process;
    public string Directory { get; }
    public int Port { get; }

    /// <summary>The certificate's SHA-256 fingerprint when the server speaks TLS (the app pins it: Smtp:TrustedCertificate).</summary>
    public string? CertificateFingerprint { get; }

    private MailCatcher(Process process, string directory, int port, string? fingerprint)
    {
        this.process = process;
        Directory = directory;
        Port = port;
        CertificateFingerprint = fingerprint;
    }

    /// <summary>A login the server requires, over STARTTLS.</summary>
    public sealed record SubmissionServer(string User, string Password);

    public static async Task<MailCatcher> StartAsync(SubmissionServer? submission = null)
    {
        var port = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), $"ee-mail-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "mailcatcher.py"));
        start.ArgumentList.Add("--smtp");
        start.ArgumentList.Add($"127.0.0.1:{port}");
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(Path.Combine(directory, "mail"));
        string? fingerprint = null;
        if (submission is not null)
        {
            fingerprint = SelfSignedCertificate(directory, out var certificate, out var key);
            foreach (var argument in new[] { "--tls-cert", certificate, "--tls-key", key, "--auth", $"{submission.User}:{submission.Password}" })
                start.ArgumentList.Add(argument);
        }
        var catcher = new MailCatcher(Process.Start(start)!, directory, port, fingerprint);
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

    /// <summary>A certificate for localhost, valid for a day, written as PEM for the server; returns its SHA-256 fingerprint.</summary>
    private static string SelfSignedCertificate(string directory, out string certificatePath, out string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        certificatePath = Path.Combine(directory, "server.crt");
        keyPath = Path.Combine(directory, "server.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return Convert.ToHexString(SHA256.HashData(certificate.RawData));
    }

    public IReadOnlyList<CapturedMail> Messages()
    {
        var mail = Path.Combine(Directory, "mail");
        if (!System.IO.Directory.Exists(mail)) return [];
        return System.IO.Directory.GetFiles(mail, "*.json").Order()
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

/// <summary>A message as the server received it; Connection is the client's address and port, the same for messages sent over one connection.</summary>
public sealed record CapturedMail(string Id, string Connection, bool Tls, string? Login, bool SmtpUtf8, string MailFrom, List<string> RcptTos,
    List<List<string>> Headers, string Subject, string? Text, string? Html, CapturedPart? Calendar, List<CapturedAttachment> Attachments)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h[0], name, StringComparison.OrdinalIgnoreCase))?[1];
}

public sealed record CapturedPart(string ContentType, string Content);

public sealed record CapturedAttachment(string? Filename, string ContentType, string? Content);
