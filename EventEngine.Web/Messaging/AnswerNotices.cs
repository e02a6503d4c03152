using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

/// <summary>
/// Tells the team members who asked when guests answer: at once, one email per answer sent from an RSVP page (queued
/// in the same transaction as the answer), or in a digest each morning at <see cref="DigestHour"/>:00 in the event's
/// time zone covering the answers since the last one. A digest is claimed by moving the member's mark forward only if
/// it is still where this run read it, in the transaction that queues the email, so however many instances run it, each
/// period is sent once. Host emails are in English, like the host pages.
/// </summary>
public sealed class AnswerNotices(IServiceScopeFactory scopes, IOptions<AppOptions> app, IOptions<OutboxOptions> options, LinkGenerator links,
    TimeProvider clock, ILogger<AnswerNotices> logger) : PollingService(clock, logger)
{
    public const int DigestHour = 8;

    /// <summary>One answer from an RSVP page: who answered for whom, each member's answer on a line, the message to the hosts.</summary>
    public sealed record Answer(Guid GuestId, string Who, IReadOnlyList<string> Lines, string? Message);

    /// <summary>Queues an email about the answer to every member who wants them at once; the caller saves. guestPage: the guest's page, absolute.</summary>
    public static async Task QueueAtOnceAsync(AppDbContext db, Event e, Answer answer, string guestPage, DateTime now)
    {
        // Through a database function: the guest's link that answers may not read the event's team (migration 0021).
        var members = await db.Database.SqlQuery<Recipient>($"""SELECT user_id AS "UserId", email AS "Email", display_name AS "DisplayName" FROM ee_answer_recipients({e.Id})""").ToListAsync();
        var submission = Guid.NewGuid();
        foreach (var member in members)
        {
            var blocks = new List<string> { MessageComposer.Paragraph(MessageComposer.Encode($"{answer.Who} answered:")) };
            blocks.AddRange(answer.Lines.Select(line => MessageComposer.Paragraph("• " + MessageComposer.Encode(line))));
            if (answer.Message is not null) blocks.Add(MessageComposer.Paragraph("Message to the hosts: “" + MessageComposer.Encode(answer.Message) + "”"));
            blocks.Add(MessageComposer.Button("Open the guest", guestPage));
            var text = $"{answer.Who} answered:\n\n{string.Join("\n", answer.Lines.Select(l => "• " + l))}\n" +
                (answer.Message is null ? "" : $"\nMessage to the hosts: “{answer.Message}”\n") + $"\nOpen the guest: {guestPage}\n\n--\n{Why(e)}\n";
            db.OutboxMessages.Add(Email(e, member.Email!, member.DisplayName, $"{answer.Who} answered · {e.Name}", text, blocks, now,
                $"answer:{submission}:{member.UserId}"));
        }
    }

    private sealed record Recipient(Guid UserId, string Email, string DisplayName);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ReminderPollSeconds);

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => QueueDigestsAsync(cancellationToken);

    /// <summary>Queues every digest that is due now (nothing when there were no answers); returns how many it queued.</summary>
    public async Task<int> QueueDigestsAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var waiting = await db.EventMembers.AsNoTracking().Where(m => m.AnswerEmails == AnswerEmails.Daily && m.AnswersDigestedAt != null)
            .Select(m => new { m.EventId, m.UserId, Since = m.AnswersDigestedAt!.Value, m.Event.TimeZoneId }).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var member in waiting.Where(m => DigestDue(m.Since, m.TimeZoneId) <= now))
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.EventMembers
                .Where(m => m.EventId == member.EventId && m.UserId == member.UserId && m.AnswerEmails == AnswerEmails.Daily && m.AnswersDigestedAt == member.Since)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.AnswersDigestedAt, now), cancellationToken);
            if (claimed == 0) continue; // another instance took it, or the member changed their choice
            var answers = await db.EventActivities.AsNoTracking()
                .Where(a => a.EventId == member.EventId && (a.Kind == ActivityKind.RsvpAnswered || a.Kind == ActivityKind.RsvpChanged) && a.CreatedAt > member.Since && a.CreatedAt <= now)
                .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => new { a.CreatedAt, a.Summary, a.GuestId }).ToListAsync(cancellationToken);
            if (answers.Count > 0)
            {
                var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == member.EventId, cancellationToken);
                var user = await db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(cancellationToken);
                var counts = await db.Guests.Where(g => g.EventId == e.Id).GroupBy(g => g.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
                int Count(GuestStatus status) => counts.SingleOrDefault(c => c.Key == status)?.Count ?? 0;
                var lines = answers.Select(a => $"{EventTime.Format(a.CreatedAt, e.TimeZoneId)}: {a.Summary}").ToList();
                var totals = $"Now {Count(GuestStatus.Confirmed)} confirmed, {Count(GuestStatus.Declined)} declined, {Count(GuestStatus.Invited)} {GuestStatus.Invited.Label().ToLowerInvariant()}.";
                var guests = app.Value.BaseUrl.TrimEnd('/') + links.GetPathByPage("/Events/Manage/Guests/Index", values: new { eventId = e.Id });
                var title = answers.Count == 1 ? "1 answer" : $"{answers.Count} answers";
                var blocks = new List<string> { MessageComposer.Paragraph(MessageComposer.Encode($"{title} since {EventTime.Format(member.Since, e.TimeZoneId)}:")) };
                blocks.AddRange(lines.Select(line => MessageComposer.Paragraph("• " + MessageComposer.Encode(line))));
                blocks.Add(MessageComposer.Paragraph(MessageComposer.Encode(totals)));
                blocks.Add(MessageComposer.Button("Open the guest list", guests));
                var text = $"{title} since {EventTime.Format(member.Since, e.TimeZoneId)}:\n\n{string.Join("\n", lines.Select(l => "• " + l))}\n\n{totals}\n\nOpen the guest list: {guests}\n\n--\n{Why(e)}\n";
                if (user.Email is not null)
                {
                    db.OutboxMessages.Add(Email(e, user.Email, user.DisplayName, $"{title} · {e.Name}", text, blocks, now, $"digest:{member.EventId}:{member.UserId}:{member.Since:O}"));
                    await db.SaveChangesAsync(cancellationToken);
                    queued++;
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return queued;
    }

    /// <summary>The first <see cref="DigestHour"/>:00 in the event's time zone after the last digest's end.</summary>
    public static DateTime DigestDue(DateTime since, string timeZoneId)
    {
        var local = EventTime.ToLocal(since, timeZoneId);
        var due = local.Date.AddHours(DigestHour);
        if (due <= local) due = due.AddDays(1);
        return EventTime.ToUtc(due, timeZoneId);
    }

    private static string Why(Event e) => $"You get these because you asked to hear when guests answer for {e.Name}. Change it on the event's Team page.";

    private static OutboxMessage Email(Event e, string to, string name, string subject, string text, List<string> blocks, DateTime now, string key) => new()
    {
        Id = Guid.NewGuid(),
        EventId = e.Id,
        Channel = MessageChannel.Email,
        Purpose = MessagePurpose.AnswerNotice,
        Recipient = to,
        RecipientName = name,
        Subject = MessageComposer.Truncate(subject, OutboxMessage.SubjectMaxLength),
        BodyText = text,
        BodyHtml = MessageComposer.Frame("en", "ltr", e.Name, [], blocks, null, MessageComposer.Encode(Why(e))),
        IdempotencyKey = key,
        State = MessageState.Queued,
        NextAttemptAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
