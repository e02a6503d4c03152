using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Messaging;

public class OutboxSenderTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    [Fact]
    public async Task Two_sender_instances_running_together_send_every_message_exactly_once()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        const int count = 240;
        await using (var scope = app.Services.CreateSystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var composer = scope.ServiceProvider.GetRequiredService<MessageComposer>();
            var guests = Enumerable.Range(0, count)
                .Select(i => new MessageRecipient(Guid.NewGuid(), $"Guest{i}", null, $"g{i}.{Guid.NewGuid():N}@example.com", null, false, false)).ToList();
            foreach (var g in guests)
                db.Guests.Add(new Guest { Id = g.Id, EventId = e.Id, FirstName = g.FirstName, Email = g.Email, CreatedAt = app.Clock.UtcNow, UpdatedAt = app.Clock.UtcNow });
            db.OutboxMessages.AddRange(composer.Compose(e, guests, MessageComposer.DefaultDraft(MessagePurpose.Broadcast, ChannelChoice.Email), app.Clock.UtcNow).Messages);
            await db.SaveChangesAsync();
        }

        var first = app.NewSender();
        var second = app.NewSender();
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        await app.Mail.WaitForAsync(count, seconds: 90);
        // Stopping lets each sender finish what it has in hand; a message sent twice would be on the server by now.
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);

        var ids = app.Mail.Messages().Select(m => m.Header("Message-ID")).ToList();
        Assert.Equal(count, ids.Count);
        Assert.Equal(count, ids.Distinct().Count());
        var states = await app.QueryAsync(db => db.OutboxMessages.Where(m => m.EventId == e.Id).GroupBy(m => new { m.State, m.Attempts }).Select(g => new { g.Key.State, g.Key.Attempts, Count = g.Count() }).ToListAsync());
        var only = Assert.Single(states);
        Assert.Equal((MessageState.Sent, 1, count), (only.State, only.Attempts, only.Count));
    }

    [Fact]
    public async Task A_message_whose_lease_ran_out_is_claimed_again_and_a_late_outcome_from_the_old_claim_is_ignored()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Lease");
        var queued = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Broadcast, ChannelChoice.Email));
        var store = app.Services.GetRequiredService<OutboxStore>();

        var stale = Assert.Single(await store.ClaimAsync(10, app.Clock.UtcNow, CancellationToken.None), c => c.Id == queued.Id);
        Assert.DoesNotContain(await store.ClaimAsync(10, app.Clock.UtcNow, CancellationToken.None), c => c.Id == queued.Id);

        app.Clock.Advance(TimeSpan.FromMinutes(3)); // past the two-minute lease
        var fresh = Assert.Single(await store.ClaimAsync(10, app.Clock.UtcNow, CancellationToken.None), c => c.Id == queued.Id);
        Assert.Equal(2, fresh.Attempts);

        Assert.False(await store.RecordAsync(stale, SendOutcome.Failed("x", "late"), app.Clock.UtcNow, CancellationToken.None));
        Assert.True(await store.RecordAsync(fresh, SendOutcome.Sent("<id@x>"), app.Clock.UtcNow, CancellationToken.None));
        var message = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Sent, message.State);
        Assert.Null(message.Error);
    }

    [Fact]
    public async Task A_sender_stopped_in_the_middle_of_a_send_finishes_it_and_records_the_outcome()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Stop", g => g.Phone = "+447400900123");
        var queued = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.WhatsApp));
        app.WhatsApp.Latency = TimeSpan.FromSeconds(2);
        try
        {
            var sender = app.NewSender();
            await sender.StartAsync(CancellationToken.None);
            await Eventually.UntilAsync(async () => (await app.MessageAsync(queued.Id)).State == MessageState.Sending, "the sender to claim the message");

            await sender.StopAsync(CancellationToken.None);

            var message = await app.MessageAsync(queued.Id);
            Assert.Equal(MessageState.Sent, message.State);
            Assert.Null(message.LeaseId);
            Assert.Single(app.WhatsApp.Sent, s => s.Wamid == message.ProviderMessageId);
        }
        finally
        {
            app.WhatsApp.Latency = TimeSpan.Zero;
        }
    }
}
