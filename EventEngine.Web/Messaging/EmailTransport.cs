using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

/// <summary>Hands a finished email to a mail server. SMTP here; MailKit could take its place where it is available.</summary>
public interface IEmailTransport
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}

/// <summary>System.Net.Mail's SmtpClient, one per message (it is not thread-safe), with STARTTLS and login when configured.</summary>
public sealed class SmtpEmailTransport(IOptionsMonitor<SmtpOptions> options) : IEmailTransport
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(settings.User))
            client.Credentials = new NetworkCredential(settings.User, settings.Password);
        // SmtpClient.Timeout only governs the synchronous Send, so the async send is bounded by cancellation.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        await client.SendMailAsync(message, timeout.Token);
    }
}
