using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventEngine.Web.Messaging;

/// <summary>
/// Every change of an outbox message's state, in one place. The sender's queue operations in SQL: claiming due
/// messages under a lease, and recording each outcome (FOR UPDATE SKIP LOCKED lets any number of instances claim at
/// once without taking the same row twice). A host's retry and cancel, and an unsubscribe, through the caller's
/// DbContext so they commit with its activity entry. WhatsApp's delivery reports, on a row the caller has locked.
/// </summary>
public sealed class OutboxStore(SystemDataSource system, IOptions<OutboxOptions> options)
{
    /// <summary>Due messages, plus messages whose lease ran out (their sender died), now leased to the caller.</summary>
    public async Task<IReadOnlyList<Claim>> ClaimAsync(int limit, DateTime now, CancellationToken cancellationToken)
    {
        var leaseId = Guid.NewGuid();
        await using var command = system.Source.CreateCommand("""
            WITH due AS (
                SELECT id FROM outbox_messages
                WHERE (state = 'Queued' AND next_attempt_at <= @now) OR (state = 'Sending' AND lease_until <= @now)
                ORDER BY next_attempt_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE outbox_messages m
            SET state = 'Sending', attempts = m.attempts + 1, lease_id = @lease, lease_until = @until, updated_at = @now
            FROM due WHERE m.id = due.id
            RETURNING m.id, m.attempts
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("lease", leaseId);
        command.Parameters.AddWithValue("until", now.AddSeconds(options.Value.LeaseSeconds));
        var claims = new List<Claim>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            claims.Add(new Claim(reader.GetGuid(0), leaseId, reader.GetInt32(1)));
        return claims;
    }

    /// <summary>
    /// Stores the outcome of one attempt, unless the lease was lost (another instance claimed the message after
    /// this one's lease ran out; its outcome is the one that counts). Returns whether it was stored.
    /// </summary>
    public async Task<bool> RecordAsync(Claim claim, SendOutcome outcome, DateTime now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var giveUp = outcome.Result == SendResult.Retry && claim.Attempts >= settings.MaxAttempts;
        var (state, error) = outcome.Result switch
        {
            SendResult.Sent => (MessageState.Sent, null),
            SendResult.Retry when giveUp => (MessageState.Failed, $"Gave up after {claim.Attempts} attempts. {outcome.Error}"),
            SendResult.Retry => (MessageState.Queued, outcome.Error),
            _ => (MessageState.Failed, outcome.Error),
        };
        await using var command = system.Source.CreateCommand("""
            UPDATE outbox_messages SET
                state = @state, lease_id = NULL, lease_until = NULL, updated_at = @now,
                provider_message_id = coalesce(@provider, provider_message_id),
                next_attempt_at = @next, error_code = @code, error = @error,
                sent_at = CASE WHEN @state = 'Sent' THEN @now ELSE sent_at END,
                failed_at = CASE WHEN @state = 'Failed' THEN @now ELSE failed_at END
            WHERE id = @id AND lease_id = @lease AND state = 'Sending'
            """);
        command.Parameters.AddWithValue("id", claim.Id);
        command.Parameters.AddWithValue("lease", claim.LeaseId);
        command.Parameters.AddWithValue("state", state.ToString());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("provider", (object?)outcome.ProviderMessageId ?? DBNull.Value);
        command.Parameters.AddWithValue("next", state == MessageState.Queued ? now + RetryDelay(claim.Attempts, outcome.RetryAfter) : now);
        command.Parameters.AddWithValue("code", (object?)outcome.ErrorCode ?? DBNull.Value);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Exponential backoff from RetryBaseSeconds, at most an hour, with ±20 % jitter so retries spread out.</summary>
    private TimeSpan RetryDelay(int attempts, TimeSpan? providerHint)
    {
        if (providerHint is { } hint) return hint;
        var seconds = Math.Min(3600, options.Value.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    public sealed record Claim(Guid Id, Guid LeaseId, int Attempts);

    /// <summary>Queues the failed ones among <paramref name="messages"/> again, from a fresh count of attempts; returns how many.</summary>
    public static Task<int> RetryAsync(IQueryable<OutboxMessage> messages, DateTime now) =>
        messages.Where(m => m.State == MessageState.Failed).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, MessageState.Queued).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.FailedAt, (DateTime?)null).SetProperty(m => m.UpdatedAt, now));

    /// <summary>Cancels the ones among <paramref name="messages"/> that have not been claimed yet; returns how many.</summary>
    public static Task<int> CancelAsync(IQueryable<OutboxMessage> messages, DateTime now, string? reason = null) =>
        messages.Where(m => m.State == MessageState.Queued).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, MessageState.Cancelled).SetProperty(m => m.Error, m => reason ?? m.Error).SetProperty(m => m.UpdatedAt, now));

    /// <summary>
    /// Moves a sent WhatsApp message on by all its provider reports so far (see <see cref="Advance"/>),
    /// so duplicates and any arrival order give the same result; the caller holds the row's lock and saves.
    /// </summary>
    public static void ApplyReports(OutboxMessage message, IReadOnlyList<WhatsAppStatus> reports, DateTime now)
    {
        var before = message.State;
        foreach (var report in reports.OrderBy(r => r.OccurredAt))
            if (Reported(report.Status) is { } reported) message.State = Advance(message.State, reported);

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
        message.UpdatedAt = now;
    }

    /// <summary>
    /// The state after the provider reports <paramref name="reported"/>. Reports arrive duplicated and out of order,
    /// so a state only moves forward: read beats delivered beats sent, and a failure cannot undo a delivery.
    /// </summary>
    public static MessageState Advance(MessageState current, MessageState reported)
    {
        if (current is MessageState.Cancelled or MessageState.Failed) return current;
        if (reported == MessageState.Failed) return current >= MessageState.Delivered ? current : MessageState.Failed;
        return reported > current ? reported : current;
    }

    private static MessageState? Reported(string status) => status switch
    {
        "sent" => MessageState.Sent,
        "delivered" => MessageState.Delivered,
        "read" => MessageState.Read,
        "failed" => MessageState.Failed,
        _ => null,
    };
}
