using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Messaging.WhatsApp;

/// <summary>
/// Keeps WhatsApp's delivery reports, each once, and recomputes the message's state from all of them under a row lock
/// (<see cref="OutboxStore.ApplyReports"/>), so a report that arrives before the sender stored the wamid is applied
/// when it does.
/// </summary>
public sealed class DeliveryReports(AppDbContext db, TimeProvider clock)
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
        var reports = await db.WhatsAppStatuses.AsNoTracking().Where(s => s.ProviderMessageId == wamid).ToListAsync(cancellationToken);
        OutboxStore.ApplyReports(message, reports, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
