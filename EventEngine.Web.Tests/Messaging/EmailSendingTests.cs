using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Messaging;

public class EmailSendingTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private static readonly MessageDraft Invitation = MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email);

    private async Task<(Event Event, Guest Guest)> GuestAsync(string? email = null)
    {
        var admin = await app.CreateUserAsync("Host");
        var e = await app.CreateEventAsync(admin, "Ana & Ben's Wedding");
        var guest = await app.AddGuestAsync(e.Id, "Zoë", g =>
        {
            g.LastName = "Müller";
            if (email is not null) g.Email = email;
        });
        return (e, guest);
    }

    [Fact]
    public async Task An_invitation_goes_out_with_text_and_html_a_calendar_invitation_and_unsubscribe_headers()
    {
        var (e, guest) = await GuestAsync();
        var queued = await app.QueueAsync(e, guest, Invitation);

        await app.SendDueAsync();

        var mail = Assert.Single(await app.Mail.WaitForAsync(1), m => m.RcptTos.Contains(guest.Email!));
        Assert.Equal("You're invited: Ana & Ben's Wedding", mail.Subject);
        Assert.Contains("Dear Zoë,", mail.Text);
        Assert.Contains("Saturday 12 June 2027 at 15:00 BST", mail.Text);
        Assert.Contains("<p style=\"margin:0 0 14px;font-size:16px;line-height:1.5;\">Dear Zoë,</p>", mail.Html);
        Assert.Contains("Ana &amp; Ben&#39;s Wedding", mail.Html);
        Assert.Equal($"<{queued.Id:N}@eventengine.test>", mail.Header("Message-ID"));
        Assert.StartsWith("<https://events.example.test/unsubscribe/", mail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));

        var calendar = Assert.Single(mail.Attachments);
        Assert.Equal("invitation.ics", calendar.Filename);
        Assert.Contains("text/calendar", calendar.ContentType);
        Assert.Contains("method=REQUEST", calendar.ContentType.Replace("\"", ""));
        var ics = Unfold(calendar.Content!);
        Assert.Contains("METHOD:REQUEST", ics);
        Assert.Contains("DTSTART;TZID=Europe/London:20270612T150000", ics);
        Assert.Contains("TZID:Europe/London", ics);
        Assert.Contains("TZOFFSETTO:+0100", ics);
        Assert.Contains($"UID:{e.Id:N}-{guest.Id:N}@eventengine", ics);
        Assert.Contains("SUMMARY:Ana & Ben's Wedding", ics);

        var sent = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Sent, sent.State);
        Assert.Equal(mail.Header("Message-ID"), sent.ProviderMessageId);
        Assert.Equal(1, sent.Attempts);
        Assert.NotNull(sent.SentAt);
    }

    [Fact]
    public async Task A_4xx_reply_is_retried_later_and_the_retry_keeps_the_message_id()
    {
        var (e, guest) = await GuestAsync($"tempfail.{Guid.NewGuid():N}@example.com");
        var queued = await app.QueueAsync(e, guest, Invitation);

        await app.SendDueAsync();

        var waiting = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Queued, waiting.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal("smtp 451", waiting.ErrorCode);
        Assert.Contains("Mailbox temporarily unavailable", waiting.Error);
        Assert.True(waiting.NextAttemptAt > app.Clock.UtcNow.AddSeconds(20), "the retry waits (backoff)");

        // Not due yet: a second run leaves it alone.
        await app.SendDueAsync();
        Assert.Equal(1, (await app.MessageAsync(queued.Id)).Attempts);

        // The mailbox recovers (the guest's address as the server now accepts it) and the backoff passes.
        var recovered = $"{Guid.NewGuid():N}@example.com";
        await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET recipient = {recovered} WHERE id = {queued.Id}"));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.SendDueAsync();

        var sent = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
        var mail = Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(recovered));
        Assert.Equal($"<{queued.Id:N}@eventengine.test>", mail.Header("Message-ID"));
    }

    [Fact]
    public async Task A_5xx_reply_fails_permanently_with_the_servers_reason()
    {
        var (e, guest) = await GuestAsync($"reject.{Guid.NewGuid():N}@example.com");
        var queued = await app.QueueAsync(e, guest, Invitation);

        await app.SendDueAsync();

        var failed = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Failed, failed.State);
        Assert.Equal("smtp 550", failed.ErrorCode);
        Assert.Contains("No such mailbox here", failed.Error);
        Assert.NotNull(failed.FailedAt);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.SendDueAsync();
        Assert.Equal(1, (await app.MessageAsync(queued.Id)).Attempts);
    }

    [Fact]
    public async Task Retries_give_up_after_the_last_attempt_with_the_last_reason()
    {
        var (e, guest) = await GuestAsync($"tempfail.{Guid.NewGuid():N}@example.com");
        var queued = await app.QueueAsync(e, guest, Invitation);

        for (var attempt = 0; attempt < 8; attempt++)
        {
            await app.SendDueAsync();
            app.Clock.Advance(TimeSpan.FromHours(2));
        }

        var failed = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Failed, failed.State);
        Assert.Equal(8, failed.Attempts);
        Assert.StartsWith("Gave up after 8 attempts.", failed.Error);
        Assert.Contains("Mailbox temporarily unavailable", failed.Error);
    }

    private static string Unfold(string ics) => ics.Replace("\r\n ", "").Replace("\r\n", "\n");
}
