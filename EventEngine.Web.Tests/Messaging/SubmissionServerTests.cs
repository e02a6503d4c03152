using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Tests.Messaging;

/// <summary>
/// Email through a server that requires STARTTLS (with a self-signed certificate made for the test) and a login, as
/// a submission server on port 587 does.
/// </summary>
public class SubmissionServerTests(SubmissionAppFactory app) : IClassFixture<SubmissionAppFactory>
{
    private static readonly MessageDraft Invitation = MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email);

    private async Task<OutboxMessage> QueueAsync()
    {
        var admin = await app.CreateUserAsync("Host");
        var e = await app.CreateEventAsync(admin, "Relay Gala");
        var guest = await app.AddGuestAsync(e.Id, "Priya");
        return await app.QueueAsync(e, guest, Invitation);
    }

    [Fact]
    public async Task Mail_goes_out_encrypted_and_logged_in_and_the_message_is_sent()
    {
        var queued = await QueueAsync();

        await app.SendDueAsync();

        var sent = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Sent, sent.State);
        var mail = Assert.Single(app.Mail.Messages(), m => m.Header("Message-ID") == sent.ProviderMessageId);
        Assert.True(mail.Tls, "the session was upgraded with STARTTLS before the message");
        Assert.Equal(SubmissionAppFactory.Login.User, mail.Login);
    }

    /// <summary>A sender for one batch with the app's settings changed, as a deployment with that configuration would have.</summary>
    private async Task<SendOutcome> SendWithAsync(Action<SmtpOptions> change)
    {
        // A fresh copy of the app's own settings, bound from its configuration.
        var changed = app.Services.GetRequiredService<IConfiguration>().GetSection("Smtp").Get<SmtpOptions>()!;
        change(changed);
        var options = new FixedOptions(changed);
        var sender = new EmailSender(new SmtpEmailTransport(options), options, app.Services.GetRequiredService<UnsubscribeLinks>());
        var message = await QueueAsync();
        await using var batch = sender.StartBatch();
        var first = await batch.SendAsync(message, CancellationToken.None);
        // The rest of the batch waits too, without knocking on the server again.
        Assert.Equal(first, await batch.SendAsync(message, CancellationToken.None));
        return first;
    }

    [Fact]
    public async Task A_wrong_password_keeps_mail_waiting_with_the_servers_reason()
    {
        var outcome = await SendWithAsync(s => s.Password = "not the password");

        Assert.Equal((SendResult.Retry, "smtp-auth"), (outcome.Result, outcome.ErrorCode));
        Assert.StartsWith("The mail server 127.0.0.1 refused the login (Smtp__User, Smtp__Password):", outcome.Error);
    }

    [Fact]
    public async Task A_self_signed_certificate_that_is_not_pinned_is_not_trusted()
    {
        var outcome = await SendWithAsync(s => s.TrustedCertificate = null);

        Assert.Equal((SendResult.Retry, "smtp-tls"), (outcome.Result, outcome.ErrorCode));
        Assert.StartsWith($"Could not start an encrypted connection to 127.0.0.1:{app.Mail.Port}", outcome.Error);
    }

    [Fact]
    public async Task Without_STARTTLS_the_server_refuses_and_mail_waits_rather_than_failing()
    {
        var outcome = await SendWithAsync(s => (s.StartTls, s.User) = (false, null));

        Assert.Equal((SendResult.Retry, "smtp-auth"), (outcome.Result, outcome.ErrorCode));
        Assert.EndsWith("requires a login or STARTTLS (Smtp__User, Smtp__StartTls): Must issue a STARTTLS command first", outcome.Error);
    }

    private sealed class FixedOptions(SmtpOptions value) : IOptionsMonitor<SmtpOptions>
    {
        public SmtpOptions CurrentValue => value;
        public SmtpOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<SmtpOptions, string?> listener) => null;
    }
}
