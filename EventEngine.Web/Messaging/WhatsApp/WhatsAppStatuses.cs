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
        foreach (var report in reports)
        {
            if (Parse(report.Status) is not { } reported) continue;
            var before = message.State;
            message.State = MessageStates.Advance(message.State, reported);
            switch (reported)
            {
                case MessageState.Sent:
                    message.SentAt ??= report.OccurredAt;
                    break;
                case MessageState.Delivered:
                    message.DeliveredAt ??= report.OccurredAt;
                    break;
                case MessageState.Read:
                    message.DeliveredAt ??= report.OccurredAt;
                    message.ReadAt ??= report.OccurredAt;
                    break;
                case MessageState.Failed when message.State == MessageState.Failed && before != MessageState.Failed:
                    message.FailedAt = report.OccurredAt;
                    message.ErrorCode = report.ErrorCode;
                    message.Error = report.Error;
                    break;
            }
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
