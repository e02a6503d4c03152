using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

/// <summary>
/// Queues each reminder once, when it is due, to the guests who have not answered. A reminder is taken under a row
/// lock (SKIP LOCKED) and marked sent in the same transaction as its messages, and each message carries the key
/// "reminder:{reminder}:{guest}", so however often and on however many instances this runs, nobody gets it twice.
/// </summary>
public sealed class ReminderScheduler(IServiceScopeFactory scopes, MessageComposer composer, IOptions<OutboxOptions> options,
    TimeProvider clock, ILogger<ReminderScheduler> logger) : PollingService(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ReminderPollSeconds);

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => QueueDueAsync(cancellationToken);

    /// <summary>Queues every reminder that is due now; returns how many messages it queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = await db.Reminders.AsNoTracking().Where(r => r.SentAt == null)
            .Join(db.Events.AsNoTracking(), r => r.EventId, e => e.Id, (r, e) => new { Reminder = r, Event = e })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var item in pending)
        {
            var decision = ReminderSchedule.Decide(item.Reminder, item.Event, now);
            if (decision != ReminderSchedule.Decision.Wait)
                queued += await QueueAsync(db, item.Reminder.Id, item.Event, decision, now, cancellationToken);
        }
        return queued;
    }

    private async Task<int> QueueAsync(AppDbContext db, Guid reminderId, Event e, ReminderSchedule.Decision decision, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reminder = await db.Reminders
            .FromSqlInterpolated($"SELECT * FROM reminders WHERE id = {reminderId} AND sent_at IS NULL FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(cancellationToken);
        if (reminder is null) return 0; // another instance has it, or it went out a moment ago

        var messages = new List<OutboxMessage>();
        if (decision == ReminderSchedule.Decision.Send)
        {
            var guests = await db.Guests.Where(g => g.EventId == e.Id && g.Status == GuestStatus.Invited)
                .OrderBy(g => g.SortName).AsRecipients(db, now, e.Language).ToListAsync(cancellationToken);
            messages.AddRange(composer.Compose(e, guests, MessageComposer.DefaultDraft(MessagePurpose.Reminder, reminder.Channel, e.Language), now).Messages);
            foreach (var message in messages) message.IdempotencyKey = $"reminder:{reminder.Id}:{message.GuestId}";
            db.OutboxMessages.AddRange(messages);
        }
        reminder.SentAt = now;
        reminder.Recipients = messages.Count;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Reminder {ReminderId} for event {EventId}: {Count} message(s) queued.", reminder.Id, e.Id, messages.Count);
        return messages.Count;
    }
}
