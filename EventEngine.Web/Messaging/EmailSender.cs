using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using System.Text;
using EventEngine.Web.Domain;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

/// <summary>Turns an outbox row into an email (text and HTML, calendar invitation, stable Message-ID) and classifies the server's reply.</summary>
public sealed class EmailSender(IEmailTransport transport, IOptionsMonitor<SmtpOptions> options, UnsubscribeLinks unsubscribe)
{
    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
            return SendOutcome.Retry("smtp-not-configured", "No SMTP server is configured (Smtp__Host); the message waits until one is.");
        var messageId = MessageId(message.Id, settings.From);
        using var mail = Build(message, settings, messageId);
        try
        {
            await transport.SendAsync(mail, cancellationToken);
            return SendOutcome.Sent(messageId);
        }
        catch (SmtpException e) when (Code(e) is >= 500 and < 600)
        {
            return SendOutcome.Failed($"smtp {Code(e)}", $"The mail server refused the message: {ServerReply(e)}");
        }
        catch (SmtpException e) when (Code(e) is >= 400 and < 500)
        {
            return SendOutcome.Retry($"smtp {Code(e)}", $"The mail server asked to try again later: {ServerReply(e)}");
        }
        catch (Exception e) when (e is SmtpException or IOException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Retry("smtp-network", $"Could not reach the mail server {settings.Host}:{settings.Port}: {Innermost(e).Message}");
        }
    }

    /// <summary>The same for every attempt, so a receiving server can recognise a retry of a message it already has.</summary>
    public static string MessageId(Guid id, string from) => $"<{id:N}@{new MailAddress(from).Host}>";

    private MailMessage Build(OutboxMessage message, SmtpOptions settings, string messageId)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(settings.From, settings.FromName, Encoding.UTF8),
            Subject = message.Subject ?? "",
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = message.BodyText,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.Recipient, message.RecipientName, Encoding.UTF8));
        mail.Headers.Add("Message-ID", messageId);
        if (message.BodyHtml is not null)
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.BodyHtml, Encoding.UTF8, MediaTypeNames.Text.Html));
        if (message.Calendar is not null)
        {
            var calendar = new Attachment(new MemoryStream(Encoding.UTF8.GetBytes(message.Calendar)), new ContentType("text/calendar; method=REQUEST; charset=utf-8"))
            {
                Name = "invitation.ics",
            };
            mail.Attachments.Add(calendar);
        }
        if (message.GuestId is { } guestId)
        {
            // RFC 2369 and RFC 8058: mail clients show an unsubscribe button and may POST to the link directly.
            mail.Headers.Add("List-Unsubscribe", $"<{unsubscribe.Url(guestId)}>, <mailto:{settings.From}?subject=unsubscribe>");
            mail.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return mail;
    }

    private static int Code(SmtpException e) => (int)(e is SmtpFailedRecipientsException { InnerExceptions.Length: > 0 } many ? many.InnerExceptions[0].StatusCode : e.StatusCode);

    private static string ServerReply(SmtpException e)
    {
        const string marker = "The server response was: ";
        var text = e is SmtpFailedRecipientsException { InnerExceptions.Length: > 0 } many ? many.InnerExceptions[0].Message : e.Message;
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return (at >= 0 ? text[(at + marker.Length)..] : text).Trim();
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
