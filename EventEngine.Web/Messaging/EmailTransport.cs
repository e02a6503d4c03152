using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

/// <summary>Opens a connection to the mail server, ready to send: encrypted and logged in as configured.</summary>
public interface IEmailTransport
{
    Task<ISmtpClient> ConnectAsync(CancellationToken cancellationToken);
}

/// <summary>
/// MailKit's SMTP client. With Smtp__StartTls the connection is encrypted before anything is sent (STARTTLS, or TLS
/// from the first byte on port 465) and the server's certificate must be valid, or be the one pinned by
/// Smtp__TrustedCertificate (for a relay with a self-signed certificate).
/// </summary>
public sealed class SmtpEmailTransport(IOptionsMonitor<SmtpOptions> options) : IEmailTransport
{
    public async Task<ISmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        if (!string.IsNullOrWhiteSpace(settings.TrustedCertificate))
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || certificate is not null && IsPinned(certificate, settings.TrustedCertificate);
        try
        {
            var security = !settings.StartTls ? SecureSocketOptions.None : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The SHA-256 fingerprint of the certificate, as hex with or without colons (what openssl x509 -fingerprint -sha256 prints).</summary>
    private static bool IsPinned(X509Certificate certificate, string fingerprint) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())).Equals(fingerprint.Replace(":", "").Trim(), StringComparison.OrdinalIgnoreCase);
}
