using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Messaging.WhatsApp;

/// <summary>
/// Applies WhatsApp's status reports to messages. Every report is kept once, and a message's state is recomputed
/// from all its reports under a row lock, so duplicates and any arrival order give the same result, and a report
/// that arrives before the sender stored the wamid is applied when it does.
/// </summary>
public sealed class WhatsAppStatuses(AppDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(WhatsAppStatus report, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO whatsapp_statuses (provider_message_id, status, occurred_at, error_code, error)
            VALUES ({report.ProviderMessageId}, {report.Status}, {report.OccurredAt}, {report.ErrorCode}, {report.Error})
            ON CONFLICT (provider_message_id, status) DO NOTHING
            """, cancellationToken);
        await ApplyAsync(report.ProviderMessageId, cancellationToken);
    }

    public async Task ApplyAsync(string wamid, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = await db.OutboxMessages
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE provider_message_id = {wamid} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null) return;
        var reports = await db.WhatsAppStatuses.AsNoTracking().Where(s => s.ProviderMessageId == wamid).OrderBy(s => s.OccurredAt).ToListAsync(cancellationToken);
        var before = message.State;
        foreach (var report in reports)
            if (Parse(report.Status) is { } reported) message.State = MessageStates.Advance(message.State, reported);

        var at = reports.ToDictionary(r => r.Status, r => r.OccurredAt);
        if (at.TryGetValue("sent", out var sent)) message.SentAt ??= sent;
        // A read message was delivered, even when the delivered report is late or lost.
        if (at.TryGetValue("delivered", out var delivered)) message.DeliveredAt = delivered;
        if (at.TryGetValue("read", out var read))
        {
            message.ReadAt = read;
            message.DeliveredAt ??= read;
        }
        if (message.State == MessageState.Failed && before != MessageState.Failed && reports.FirstOrDefault(r => r.Status == "failed") is { } failure)
        {
            message.FailedAt = failure.OccurredAt;
            message.ErrorCode = failure.ErrorCode;
            message.Error = failure.Error;
        }
        message.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static MessageState? Parse(string status) => status switch
    {
        "sent" => MessageState.Sent,
        "delivered" => MessageState.Delivered,
        "read" => MessageState.Read,
        "failed" => MessageState.Failed,
        _ => null,
    };
}
