using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Rsvp;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Messaging;

public class WhatsAppSendingTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private static int phoneSequence;

    private async Task<(Event Event, Guest Guest)> GuestAsync()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin, "Garden Party");
        // Distinct valid UK mobile numbers (07700 900xxx is Ofcom's drama range).
        var phone = $"+447400900{Interlocked.Increment(ref phoneSequence) + 100:D3}";
        var guest = await app.AddGuestAsync(e.Id, "Amira", g => { g.LastName = "Haddad"; g.Phone = phone; });
        return (e, guest);
    }

    [Fact]
    public async Task An_invitation_goes_as_a_template_with_a_bearer_token_and_the_wamid_is_stored()
    {
        var (e, guest) = await GuestAsync();
        var queued = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.WhatsApp));

        await app.SendDueAsync();

        var sent = Assert.Single(app.WhatsApp.Sent, s => s.To == guest.Phone!.TrimStart('+'));
        Assert.Equal("template", sent.Type);
        Assert.Equal("event_invitation", sent.Template);
        Assert.Equal("en", sent.Language);
        Assert.Equal(["Amira", "Garden Party", "Saturday 12 June 2027, 15:00 BST", "to be announced", $"https://events.example.test/rsvp/{await app.TokenAsync(guest)}?via=whatsapp"],
            sent.Parameters);
        var message = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Sent, message.State);
        Assert.Equal(sent.Wamid, message.ProviderMessageId);
    }

    [Fact]
    public async Task A_broadcast_is_free_text_within_24_hours_of_the_guests_last_message_and_a_template_otherwise()
    {
        var (e, guest) = await GuestAsync();
        var draft = new MessageDraft(MessagePurpose.Broadcast, ChannelChoice.WhatsApp, null, "Hi {{first_name}},\n\nParking is behind the barn.");
        var asTemplate = await app.QueueAsync(e, guest, draft);
        await app.QueryAsync(async db =>
        {
            db.InboundMessages.Add(new InboundMessage { EventId = e.Id, GuestId = guest.Id, ProviderMessageId = $"wamid.in{Guid.NewGuid():N}", FromPhone = guest.Phone!, Kind = "text", Body = "Hello!", ReceivedAt = app.Clock.UtcNow.AddHours(-2) });
            return await db.SaveChangesAsync();
        });
        var asText = await app.QueueAsync(e, guest, draft);

        await app.SendDueAsync();

        var sent = app.WhatsApp.Sent.Where(s => s.To == guest.Phone!.TrimStart('+')).ToList();
        var template = Assert.Single(sent, s => s.Type == "template");
        Assert.Equal("event_update", template.Template);
        Assert.Equal(["Amira", "Garden Party", "Hi Amira, Parking is behind the barn."], template.Parameters);
        var text = Assert.Single(sent, s => s.Type == "text");
        Assert.Equal("Hi Amira,\n\nParking is behind the barn.", text.Text);
        Assert.Equal(template.Wamid, (await app.MessageAsync(asTemplate.Id)).ProviderMessageId);
        Assert.Equal(text.Wamid, (await app.MessageAsync(asText.Id)).ProviderMessageId);
    }

    [Theory]
    [InlineData(130429)]
    [InlineData(131056)]
    public async Task A_rate_limit_error_is_retried_later(int code)
    {
        var (e, guest) = await GuestAsync();
        var queued = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Reminder, ChannelChoice.WhatsApp));
        app.WhatsApp.FailNext(guest.Phone!, code);

        await app.SendDueAsync();

        var waiting = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Queued, waiting.State);
        Assert.Equal(code.ToString(), waiting.ErrorCode);
        Assert.True(waiting.NextAttemptAt > app.Clock.UtcNow);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.SendDueAsync();
        var sent = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(app.WhatsApp.Sent, s => s.To == guest.Phone!.TrimStart('+'));
    }

    [Theory]
    [InlineData(131047, "More than 24 hours have passed since the guest last wrote")]
    [InlineData(131026, "WhatsApp could not deliver the message")]
    public async Task A_permanent_error_fails_with_a_readable_reason(int code, string reason)
    {
        var (e, guest) = await GuestAsync();
        var queued = await app.QueueAsync(e, guest, new MessageDraft(MessagePurpose.Broadcast, ChannelChoice.WhatsApp, null, "See you there"));
        app.WhatsApp.FailNext(guest.Phone!, code);

        await app.SendDueAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.SendDueAsync();

        var failed = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Failed, failed.State);
        Assert.Equal(code.ToString(), failed.ErrorCode);
        Assert.Contains(reason, failed.Error);
        Assert.Equal(1, failed.Attempts);
    }

    [Fact]
    public async Task Sends_are_paced_under_the_configured_rate_per_second()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var paced = app.WithWebHostBuilder(b => b.UseSetting("WhatsApp:MaxPerSecond", "5"));
        var guests = new List<Guest>();
        for (var i = 0; i < 15; i++)
            guests.Add(await app.AddGuestAsync(e.Id, $"P{i}", g => g.Phone = $"+447400901{i:D3}"));
        foreach (var guest in guests)
            await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.WhatsApp));

        var sender = ActivatorUtilities.CreateInstance<OutboxSender>(paced.Services);
        while (await sender.SendDueAsync(CancellationToken.None) > 0) { }

        var times = app.WhatsApp.Sent.Where(s => s.To.StartsWith("447400901")).Select(s => s.At).Order().ToList();
        Assert.Equal(15, times.Count);
        // In any one second at most the bucket (5) plus what refills within it (5) can go.
        foreach (var t in times)
            Assert.True(times.Count(u => u >= t && u < t.AddSeconds(1)) <= 10, "more than 10 sends within one second");
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(1), "15 sends at 5 per second cannot all go within a second");
    }
}
