using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Messages;

public class IndexTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    [Fact]
    public async Task Failures_are_listed_with_their_reason_and_a_retry_sends_them_again()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var rejected = await app.AddGuestAsync(e.Id, "Rejected", g => g.Email = $"reject.{Guid.NewGuid():N}@example.com");
        var fine = await app.AddGuestAsync(e.Id, "Fine");
        var failing = await app.QueueAsync(e, rejected, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email));
        await app.QueueAsync(e, fine, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email));
        await app.SendDueAsync();

        var page = await client.GetPageAsync($"/events/{e.Id}/messages?state=Failed");
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Contains("Rejected", row.TextContent);
        Assert.Contains("The mail server refused the message: 5.1.1 No such mailbox here (smtp 550)", row.QuerySelector("[data-testid=message-error]")!.TextContent);
        Assert.Contains("Failed", row.QuerySelector("[data-testid=message-status]")!.TextContent);

        // The mailbox is fixed; the host retries.
        var fixedAddress = $"{Guid.NewGuid():N}@example.com";
        await app.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == failing.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Recipient, fixedAddress)));
        var retry = await client.PostFormAsync($"/events/{e.Id}/messages?state=Failed&handler=retry&id={failing.Id}", [], $"/events/{e.Id}/messages");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        await app.SendDueAsync();

        var sent = await app.MessageAsync(failing.Id);
        Assert.Equal(MessageState.Sent, sent.State);
        Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(fixedAddress));
        var all = await client.GetPageAsync($"/events/{e.Id}/messages");
        Assert.Equal(2, all.QuerySelectorAll("tbody tr").Length);
        Assert.All(all.QuerySelectorAll("[data-testid=message-status]"), s => Assert.Contains("Sent", s.TextContent));
    }

    [Fact]
    public async Task A_queued_message_can_be_cancelled_and_is_then_never_sent()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Later");
        var queued = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Broadcast, ChannelChoice.Email));

        await client.PostFormAsync($"/events/{e.Id}/messages?handler=cancel&id={queued.Id}", [], $"/events/{e.Id}/messages");
        await app.SendDueAsync();

        Assert.Equal(MessageState.Cancelled, (await app.MessageAsync(queued.Id)).State);
        Assert.DoesNotContain(app.Mail.Messages(), m => m.RcptTos.Contains(guest.Email!));
    }

    [Fact]
    public async Task The_guest_table_shows_each_guests_latest_message_status()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var reached = await app.AddGuestAsync(e.Id, "Reached");
        var silent = await app.AddGuestAsync(e.Id, "Silent");
        await app.QueueAsync(e, reached, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email));
        await app.SendDueAsync();

        var page = await client.GetPageAsync($"/events/{e.Id}/guests");

        Assert.Contains("Sent", page.QuerySelector($"#guest-{reached.Id} [data-field=message]")!.TextContent);
        Assert.Contains("Email", page.QuerySelector($"#guest-{reached.Id} [data-field=message]")!.TextContent);
        Assert.Equal("", page.QuerySelector($"#guest-{silent.Id} [data-field=message]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_guests_page_shows_what_was_sent_and_what_they_wrote_back()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Chat", g => g.Phone = "+447400900301");
        await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.WhatsApp));
        await app.SendDueAsync();
        var body = WhatsAppCloudStub.TextNotification(guest.Phone!, $"wamid.in{Guid.NewGuid():N}", "Can I bring my <dog>?", app.Clock.UtcNow.AddMinutes(5));
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(body) };
        request.Headers.Add("X-Hub-Signature-256", WhatsAppCloudStub.Signature(body));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);

        var page = await client.GetPageAsync($"/events/{e.Id}/guests/edit/{guest.Id}");

        var items = page.QuerySelectorAll(".conversation-item");
        Assert.Equal(2, items.Length);
        Assert.Equal("Can I bring my <dog>?", items[0].QuerySelector(".conversation-body")!.TextContent);
        Assert.Contains("incoming", items[0].ClassList);
        Assert.Contains("Invitation by WhatsApp", items[1].TextContent);
        Assert.Contains("Sent", items[1].QuerySelector("[data-testid=message-status]")!.TextContent);
    }
}
