using System.Net;
using System.Text;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Messaging;

public class WhatsAppWebhookTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private static int phoneSequence;

    private async Task<(Guest Guest, OutboxMessage Message)> SentMessageAsync()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Noor", g => g.Phone = $"+447400902{Interlocked.Increment(ref phoneSequence):D3}");
        var queued = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.WhatsApp));
        await app.SendDueAsync();
        return (guest, await app.MessageAsync(queued.Id));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add("X-Hub-Signature-256", signature);
        return await app.CreateClient().SendAsync(request);
    }

    private Task<HttpResponseMessage> PostSignedAsync(string body) => PostAsync(body, WhatsAppCloudStub.Signature(body));

    [Fact]
    public async Task The_verification_handshake_echoes_the_challenge_only_for_the_right_token()
    {
        var client = app.CreateClient();
        var ok = await client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={WhatsAppCloudStub.VerifyToken}&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());

        var wrong = await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain("1158201444", await wrong.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=00")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha1=abc")]
    public async Task A_notification_without_a_valid_signature_is_refused_and_nothing_is_stored(string? signature)
    {
        var (guest, message) = await SentMessageAsync();
        var body = WhatsAppCloudStub.StatusNotification(message.ProviderMessageId!, "read", guest.Phone!, app.Clock.UtcNow);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, signature)).StatusCode);
        var wrongSecret = await PostAsync(body, WhatsAppCloudStub.Signature(body, "another-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);

        Assert.Equal(MessageState.Sent, (await app.MessageAsync(message.Id)).State);
        Assert.False(await app.QueryAsync(db => db.WhatsAppStatuses.AnyAsync(s => s.ProviderMessageId == message.ProviderMessageId)));
    }

    [Fact]
    public async Task A_signature_over_a_different_body_is_refused()
    {
        var (guest, message) = await SentMessageAsync();
        var signed = WhatsAppCloudStub.StatusNotification(message.ProviderMessageId!, "delivered", guest.Phone!, app.Clock.UtcNow);
        var tampered = WhatsAppCloudStub.StatusNotification(message.ProviderMessageId!, "read", guest.Phone!, app.Clock.UtcNow);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(tampered, WhatsAppCloudStub.Signature(signed))).StatusCode);
        Assert.Equal(MessageState.Sent, (await app.MessageAsync(message.Id)).State);
    }

    [Fact]
    public async Task Statuses_move_forward_only_whatever_order_and_however_often_they_arrive()
    {
        var (guest, message) = await SentMessageAsync();
        var wamid = message.ProviderMessageId!;
        var t = app.Clock.UtcNow;

        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(WhatsAppCloudStub.StatusNotification(wamid, "read", guest.Phone!, t.AddSeconds(30)))).StatusCode);
        await PostSignedAsync(WhatsAppCloudStub.StatusNotification(wamid, "delivered", guest.Phone!, t.AddSeconds(10)));
        await PostSignedAsync(WhatsAppCloudStub.StatusNotification(wamid, "sent", guest.Phone!, t.AddSeconds(1)));
        await PostSignedAsync(WhatsAppCloudStub.StatusNotification(wamid, "read", guest.Phone!, t.AddSeconds(30)));
        await PostSignedAsync(WhatsAppCloudStub.StatusNotification(wamid, "failed", guest.Phone!, t.AddSeconds(40), errorCode: 131026));

        var read = await app.MessageAsync(message.Id);
        Assert.Equal(MessageState.Read, read.State);
        Assert.Equal(t.AddSeconds(10), read.DeliveredAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(t.AddSeconds(30), read.ReadAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Null(read.Error);
        Assert.Equal(4, await app.QueryAsync(db => db.WhatsAppStatuses.CountAsync(s => s.ProviderMessageId == wamid)));
    }

    [Fact]
    public async Task A_failed_status_fails_a_sent_message_with_the_reason()
    {
        var (guest, message) = await SentMessageAsync();

        await PostSignedAsync(WhatsAppCloudStub.StatusNotification(message.ProviderMessageId!, "failed", guest.Phone!, app.Clock.UtcNow, errorCode: 131026));

        var failed = await app.MessageAsync(message.Id);
        Assert.Equal(MessageState.Failed, failed.State);
        Assert.Equal("131026", failed.ErrorCode);
        Assert.Contains("WhatsApp could not deliver the message", failed.Error);
    }

    [Fact]
    public async Task A_status_that_arrives_before_the_wamid_is_stored_is_applied_when_it_is()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Early", g => g.Phone = "+447400903001");
        var queued = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.WhatsApp));
        // The stub numbers its wamids; this one is the one the next send will get.
        await app.SendDueAsync();
        var wamid = (await app.MessageAsync(queued.Id)).ProviderMessageId!;
        await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET provider_message_id = NULL, state = 'Sending' WHERE id = {queued.Id}"));

        await PostSignedAsync(WhatsAppCloudStub.StatusNotification(wamid, "delivered", guest.Phone!, app.Clock.UtcNow));
        Assert.Equal(MessageState.Sending, (await app.MessageAsync(queued.Id)).State);

        await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET provider_message_id = {wamid}, state = 'Sent' WHERE id = {queued.Id}"));
        await app.QueryAsync(async db =>
        {
            await new EventEngine.Web.Messaging.WhatsApp.DeliveryReports(db, app.Clock).ApplyAsync(wamid, CancellationToken.None);
            return 0;
        });
        Assert.Equal(MessageState.Delivered, (await app.MessageAsync(queued.Id)).State);
    }

    [Fact]
    public async Task A_guests_reply_is_stored_on_the_guest_once()
    {
        var (guest, message) = await SentMessageAsync();
        var wamid = $"wamid.in{Guid.NewGuid():N}";
        var body = WhatsAppCloudStub.TextNotification(guest.Phone!, wamid, "We'll be there! <3", app.Clock.UtcNow, replyTo: message.ProviderMessageId);

        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(body)).StatusCode);

        var stored = Assert.Single(await app.QueryAsync(db => db.InboundMessages.Where(i => i.GuestId == guest.Id).ToListAsync()));
        Assert.Equal("We'll be there! <3", stored.Body);
        Assert.Equal(guest.Phone, stored.FromPhone);
        Assert.Equal("text", stored.Kind);
    }

    [Fact]
    public async Task A_signed_but_malformed_notification_is_a_bad_request()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostSignedAsync("{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"x\"}]}}]}]}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostSignedAsync("not json")).StatusCode);
    }
}
