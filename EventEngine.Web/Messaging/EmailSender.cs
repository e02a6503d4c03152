using System.Net.Sockets;
using EventEngine.Web.Domain;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EventEngine.Web.Messaging;

/// <summary>
/// Turns outbox rows into emails (text and HTML, the calendar entry, a Message-ID that stays the same across
/// retries) and sends a batch of them over one connection, classifying each server reply: 4xx waits and retries,
/// 5xx about the recipient or the message fails for good, and anything about the connection, the login or the
/// sender address (the server's configuration, not this message) waits until it is fixed.
/// </summary>
public sealed class EmailSender(IEmailTransport transport, IOptionsMonitor<SmtpOptions> options, UnsubscribeLinks unsubscribe)
{
    public Batch StartBatch() => new(transport, options.CurrentValue, Build);

    /// <summary>The same for every attempt, so a receiving server can recognise a retry of a message it already has.</summary>
    public static string MessageId(Guid id, string from) => $"<{id:N}@{MailboxAddress.Parse(from).Domain}>";

    /// <summary>
    /// One connection for a batch of messages sent one after another: opened for the first message, kept while the
    /// server refuses single messages or recipients (which leaves the session usable), and opened again once after a
    /// failure that broke it. If the server can't be reached, the rest of the batch waits without trying again.
    /// </summary>
    public sealed class Batch(IEmailTransport transport, SmtpOptions settings, Func<OutboxMessage, SmtpOptions, string, MimeMessage> build) : IAsyncDisposable
    {
        private ISmtpClient? client;
        private SendOutcome? unreachable;

        public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (!settings.IsConfigured)
                return SendOutcome.Retry("smtp-not-configured", "Email isn't connected on this server yet; the message waits until it is.");
            if (unreachable is not null) return unreachable;
            var messageId = MessageId(message.Id, settings.From);
            using var mail = build(message, settings, messageId);
            try
            {
                client ??= await ConnectAsync(cancellationToken);
                if (client is null) return unreachable!;
                // Addresses and names go out in UTF-8 where the server accepts it (SMTPUTF8, RFC 6531).
                var format = FormatOptions.Default.Clone();
                format.International = client.Capabilities.HasFlag(SmtpCapabilities.UTF8);
                await client.SendAsync(format, mail, cancellationToken);
                return SendOutcome.Sent(messageId);
            }
            catch (SmtpCommandException ex)
            {
                return Classify(ex);
            }
            catch (ServiceNotAuthenticatedException ex)
            {
                // The server wants a login or STARTTLS first: its configuration, so every message would be refused alike.
                unreachable = SendOutcome.Retry("smtp-auth", $"The mail server {settings.Host} requires a login or STARTTLS (Smtp__User, Smtp__StartTls): {ex.Message}");
                return unreachable;
            }
            catch (Exception ex) when (IsConnectionFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                await CloseAsync();
                return NetworkFailure(ex);
            }
        }

        private async Task<ISmtpClient?> ConnectAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await transport.ConnectAsync(cancellationToken);
            }
            catch (AuthenticationException ex)
            {
                unreachable = SendOutcome.Retry("smtp-auth", $"The mail server {settings.Host} refused the login (Smtp__User, Smtp__Password): {ex.Message}");
            }
            catch (SslHandshakeException ex)
            {
                unreachable = SendOutcome.Retry("smtp-tls", $"Could not start an encrypted connection to {settings.Host}:{settings.Port}: {Innermost(ex).Message}");
            }
            catch (SmtpCommandException ex)
            {
                unreachable = SendOutcome.Retry($"smtp {(int)ex.StatusCode}", $"The mail server {settings.Host} refused the connection: {ex.Message}");
            }
            catch (Exception ex) when (IsConnectionFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                unreachable = NetworkFailure(ex);
            }
            return null;
        }

        private SendOutcome Classify(SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            var reply = ex.Message.Trim();
            if (code is >= 400 and < 500)
                return SendOutcome.Retry($"smtp {code}", $"The mail server asked to try again later: {reply}");
            if (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
                return SendOutcome.Failed($"smtp {code}", $"The mail server refused the message: {reply}");
            // A refused sender address or an unexpected reply is about this server's set-up, and would refuse every message alike.
            return SendOutcome.Retry($"smtp {code}", $"The mail server refused the sender {settings.From} (check Smtp__From and the server's settings): {reply}");
        }

        private SendOutcome NetworkFailure(Exception ex) =>
            SendOutcome.Retry("smtp-network", $"Could not reach the mail server {settings.Host}:{settings.Port}: {Innermost(ex).Message}");

        private static bool IsConnectionFailure(Exception ex) =>
            ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException or OperationCanceledException;

        private async Task CloseAsync()
        {
            if (client is null) return;
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(true, CancellationToken.None);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // Already broken: there is nothing to say goodbye to.
            }
            client.Dispose();
            client = null;
        }

        public async ValueTask DisposeAsync() => await CloseAsync();
    }

    private MimeMessage Build(OutboxMessage message, SmtpOptions settings, string messageId)
    {
        var mail = new MimeMessage { Subject = message.Subject ?? "", MessageId = messageId.Trim('<', '>') };
        // The address stays the app's (the server is allowed to send for it); the name is the hosts'.
        mail.From.Add(new MailboxAddress(message.SenderName ?? settings.FromName, settings.From));
        if (message.ReplyTo is not null) mail.ReplyTo.Add(new MailboxAddress(message.SenderName ?? "", message.ReplyTo));
        mail.To.Add(new MailboxAddress(message.RecipientName, message.Recipient));
        if (message.GuestId is { } guestId)
        {
            // RFC 2369 and RFC 8058: mail clients show an unsubscribe button and may POST to the link directly.
            // Written as is, one link a line: the default folding would start the value on a line of its own.
            var links = new Header("List-Unsubscribe", "");
            links.SetRawValue(System.Text.Encoding.UTF8.GetBytes($" <{unsubscribe.Url(guestId)}>,\r\n <mailto:{settings.From}?subject=unsubscribe>\r\n"));
            mail.Headers.Add(links);
            mail.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var alternatives = new MultipartAlternative { new TextPart("plain") { Text = message.BodyText } };
        if (message.BodyHtml is not null) alternatives.Add(new TextPart("html") { Text = message.BodyHtml });
        if (message.Calendar is null)
        {
            mail.Body = alternatives;
            return mail;
        }
        // Gmail and Outlook read the event from the text/calendar alternative; other clients offer the attached file.
        var calendar = new TextPart("calendar") { Text = message.Calendar };
        calendar.ContentType.Parameters.Add("method", CalendarFile.Method);
        alternatives.Add(calendar);
        var file = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(message.Calendar))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "invitation.ics",
        };
        mail.Body = new Multipart("mixed") { alternatives, file };
        return mail;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
