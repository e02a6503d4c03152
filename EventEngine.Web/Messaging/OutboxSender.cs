using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Messaging.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

/// <summary>
/// Sends the outbox: claims due messages under a lease, sends each on its channel and records the outcome. Runs in
/// every instance; the claim keeps instances from sending the same message. On shutdown it stops claiming and lets
/// the messages in hand finish, so none is left half-sent by a normal stop.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    OutboxStore store,
    EmailSender email,
    WhatsAppClient whatsApp,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>How long a stopping instance waits for messages already handed to a provider.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The outbox sender failed; trying again shortly.");
                handled = 0;
            }
            // A full batch suggests more is waiting: go straight on. Otherwise poll.
            if (handled < settings.BatchSize)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(settings.PollMilliseconds), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Claims and sends one batch; returns how many messages it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var claims = await store.ClaimAsync(settings.BatchSize, Now, stoppingToken);
        if (claims.Count == 0) return 0;

        List<OutboxMessage> messages;
        await using (var scope = scopes.CreateSystemScope())
        {
            var ids = claims.Select(c => c.Id).ToList();
            messages = await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => ids.Contains(m.Id)).ToListAsync(CancellationToken.None);
        }

        using var drain = new CancellationTokenSource();
        await using var onStop = stoppingToken.Register(() => drain.CancelAfter(DrainTimeout));
        var byId = messages.ToDictionary(m => m.Id);
        var claimed = claims.Where(c => byId.ContainsKey(c.Id)).Select(c => (Claim: c, Message: byId[c.Id])).ToList();
        // The batch's emails go one after another over one SMTP connection, while its WhatsApp messages go out in parallel.
        await Task.WhenAll(
            SendEmailsAsync([.. claimed.Where(c => c.Message.Channel == MessageChannel.Email)], drain.Token),
            Parallel.ForEachAsync(claimed.Where(c => c.Message.Channel != MessageChannel.Email),
                new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency },
                async (c, _) => await RecordAsync(c.Claim, c.Message, await SendOneAsync(c.Message, whatsApp.SendAsync, drain.Token))));
        return claims.Count;
    }

    private async Task SendEmailsAsync(List<(OutboxStore.Claim Claim, OutboxMessage Message)> emails, CancellationToken cancellationToken)
    {
        if (emails.Count == 0) return;
        await using var batch = email.StartBatch();
        foreach (var (claim, message) in emails)
            await RecordAsync(claim, message, await SendOneAsync(message, batch.SendAsync, cancellationToken));
    }

    private async Task RecordAsync(OutboxStore.Claim claim, OutboxMessage message, SendOutcome outcome)
    {
        if (!await store.RecordAsync(claim, outcome, Now, CancellationToken.None))
            logger.LogWarning("Message {MessageId}: the lease ran out before the outcome was stored; another instance owns it now.", claim.Id);
        else if (outcome.Result != SendResult.Sent)
            logger.LogWarning("Message {MessageId} ({Channel}) attempt {Attempt}: {Result} {Code} {Error}", claim.Id, message.Channel, claim.Attempts, outcome.Result, outcome.ErrorCode, outcome.Error);
        else if (message.Channel == MessageChannel.WhatsApp)
            await ApplyEarlyStatusesAsync(outcome.ProviderMessageId!);
    }

    /// <summary>Fills in the message's links (they exist only from the moment of sending) and hands it to its channel.</summary>
    private async Task<SendOutcome> SendOneAsync(OutboxMessage message, Func<OutboxMessage, CancellationToken, Task<SendOutcome>> send, CancellationToken cancellationToken)
    {
        try
        {
            await using (var scope = scopes.CreateSystemScope())
            {
                if (!await scope.ServiceProvider.GetRequiredService<MessageLinks>().FillAsync(message, cancellationToken))
                    return SendOutcome.Failed("invitation-closed", "The invitation was withdrawn, used or expired before this email went out.");
            }
            return await send(message, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return SendOutcome.Retry("interrupted", "The app stopped while the message was being sent.");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Message {MessageId} could not be sent.", message.Id);
            return SendOutcome.Retry("error", $"An unexpected error: {ex.Message}");
        }
    }

    /// <summary>A webhook can report on a message before its wamid was stored; those reports apply now.</summary>
    private async Task ApplyEarlyStatusesAsync(string wamid)
    {
        await using var scope = scopes.CreateSystemScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryReports>().ApplyAsync(wamid, CancellationToken.None);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
