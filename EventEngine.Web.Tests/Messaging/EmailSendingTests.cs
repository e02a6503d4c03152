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
    public async Task A_households_invitation_greets_everyone_comes_from_the_hosts_and_answers_through_a_button()
    {
        var admin = await app.CreateUserAsync("Host");
        var e = await app.CreateEventAsync(admin, "Ana & Ben's Wedding");
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.HostNames, "Ana & Ben").SetProperty(x => x.ReplyTo, "ana@example.com").SetProperty(x => x.Venue, "Kew Gardens, Richmond")));
        e = await app.QueryAsync(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == e.Id));
        var family = await Pages.Rsvp.RsvpTestKit.AddHouseholdAsync(app, e.Id, "Raman", ("Priya", 0), ("Arjun", 0));
        await app.AddGuestAsync(e.Id, "Maya", g => { g.HouseholdId = family[0].HouseholdId; g.Email = null; g.IsChild = true; g.CreatedAt = DateTime.UtcNow.AddMinutes(1); });
        await app.QueueAsync(e, family[0], Invitation);

        await app.SendDueAsync();

        var mail = Assert.Single(await app.Mail.WaitForAsync(1), m => m.RcptTos.Contains(family[0].Email!));
        Assert.Equal("Ana & Ben <hosts@eventengine.test>", mail.Header("From"));
        Assert.Equal("Ana & Ben <ana@example.com>", mail.Header("Reply-To"));
        Assert.Contains("Dear Priya, Arjun and Maya,", mail.Text);
        Assert.Contains("When: Saturday 12 June 2027, 15:00 BST\nWhere: Kew Gardens, Richmond", mail.Text!.ReplaceLineEndings("\n"));
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(mail.Html!);
        Assert.Equal("Ana & Ben's Wedding", html.QuerySelector("h1")!.TextContent);
        Assert.Contains("Dear Priya, Arjun and Maya,", html.Body!.TextContent);
        Assert.Contains("Where: Kew Gardens, Richmond", html.Body.TextContent);
        var links = html.QuerySelectorAll("a[href^='https://events.example.test/rsvp/']").ToList();
        // The answer is a button; the long address shows once, small, for a client without buttons.
        Assert.Equal(["Reply to the invitation", links[1].GetAttribute("href")!], links.Select(a => a.TextContent));
        Assert.Contains("background:#4338ca", links[0].GetAttribute("style"));
        Assert.Contains("If the button doesn't work, open this link:", links[1].ParentElement!.TextContent);
        Assert.DoesNotContain("{{", mail.Html);
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

        // The event rides as a text/calendar alternative (what Gmail and Outlook read) and as an attached file.
        var calendar = mail.Calendar!;
        Assert.Contains("text/calendar", calendar.ContentType);
        Assert.Contains("method=PUBLISH", calendar.ContentType.Replace("\"", ""));
        var file = Assert.Single(mail.Attachments);
        Assert.Equal(("invitation.ics", calendar.Content), (file.Filename, file.Content));
        var ics = Unfold(calendar.Content);
        // It publishes the event and asks calendars for no answer: answers go through the guest's link.
        Assert.Contains("METHOD:PUBLISH", ics);
        Assert.DoesNotContain("ATTENDEE", ics);
        Assert.DoesNotContain("RSVP=", ics);
        Assert.Contains("ORGANIZER;CN=EventEngine:mailto:hosts@eventengine.test", ics);
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

    [Fact]
    public async Task A_batch_of_emails_goes_over_one_connection_and_a_refused_recipient_does_not_spoil_it()
    {
        var admin = await app.CreateUserAsync("Host");
        var e = await app.CreateEventAsync(admin, "Batch Ball");
        var queued = new List<OutboxMessage>();
        foreach (var email in new[] { $"first.{Guid.NewGuid():N}@example.com", $"reject.{Guid.NewGuid():N}@example.com", $"tempfail.{Guid.NewGuid():N}@example.com", $"last.{Guid.NewGuid():N}@example.com" })
            queued.Add(await app.QueueAsync(e, await app.AddGuestAsync(e.Id, "Guest", g => g.Email = email), Invitation));

        await app.NewSender().SendDueAsync(CancellationToken.None);

        var states = new List<MessageState>();
        foreach (var message in queued) states.Add((await app.MessageAsync(message.Id)).State);
        Assert.Equal([MessageState.Sent, MessageState.Failed, MessageState.Queued, MessageState.Sent], states);
        var ids = new[] { queued[0].Id, queued[3].Id }.Select(id => $"<{id:N}@eventengine.test>").ToList();
        var mails = (await app.Mail.WaitForAsync(app.Mail.Messages().Count)).Where(m => ids.Contains(m.Header("Message-ID")!)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Single(mails.Select(m => m.Connection).Distinct());
    }

    [Fact]
    public async Task An_international_address_goes_out_with_SMTPUTF8()
    {
        var address = $"zoë.{Guid.NewGuid():N}@bücher.example";
        var (e, guest) = await GuestAsync(address);
        var queued = await app.QueueAsync(e, guest, Invitation);

        await app.SendDueAsync();

        Assert.Equal(MessageState.Sent, (await app.MessageAsync(queued.Id)).State);
        var mail = Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(address));
        Assert.True(mail.SmtpUtf8);
        Assert.Equal($"Zoë Müller <{address}>", mail.Header("To"));
    }

    private static string Unfold(string ics) => ics.Replace("\r\n ", "").Replace("\r\n", "\n");
}
