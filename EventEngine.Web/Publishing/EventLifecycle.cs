using EventEngine.Web.Accounts;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Publishing;

/// <summary>
/// A public event's life: Draft → InReview → Published → Cancelled. An organisation's team submits, withdraws and
/// cancels; staff approve, send back (with a reason the organisation reads) and unpublish. A trusted organisation's
/// event publishes on submission. Each step locks the event's row, checks where it stands, and is written with its
/// activity log entry (and staff log entry) in one transaction; the organisation's Owners hear of staff decisions.
/// </summary>
public sealed class EventLifecycle(AppDbContext db, Registrations.Capacity capacity, TimeProvider clock)
{
    public enum Step { Submit, Withdraw, Cancel, Approve, Reject, Unpublish }

    /// <summary>Where each step may start.</summary>
    public static EventStatus From(Step step) => step switch
    {
        Step.Submit => EventStatus.Draft,
        Step.Withdraw or Step.Approve or Step.Reject => EventStatus.InReview,
        _ => EventStatus.Published,
    };

    /// <summary>The step's outcome: why it was refused (the event moved on, or is not public), or where the event now stands.</summary>
    /// <paramref name="Told"/>: for a cancellation, how many people registered or waiting were emailed.
    public sealed record Outcome(string? Refused, EventStatus Status, int Told = 0);

    public async Task<Outcome> TakeAsync(Guid eventId, Step step, Guid actorId, string actorName, string? reason = null, AppUser? staff = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM events WHERE id = {eventId} FOR UPDATE");
        var e = await db.Events.Include(x => x.Organisation).Include(x => x.City).SingleOrDefaultAsync(x => x.Id == eventId);
        if (e is null || e.Visibility != EventVisibility.Public || e.Organisation is null) return new("That is not a public event.", EventStatus.Draft);
        if (e.Status != From(step)) return new($"The event is {e.Status.Label().ToLowerInvariant()} now, so that can't be done. Reload to see it.", e.Status);
        if (step is Step.Reject or Step.Unpublish && string.IsNullOrWhiteSpace(reason)) return new("Say why, so the organisation can put it right.", e.Status);
        var now = clock.GetUtcNow().UtcDateTime;
        var summary = step switch
        {
            Step.Submit when e.Organisation.Trusted => Publish(e, now, "Published the event (the organisation is trusted, so no review)"),
            Step.Submit => Move(e, EventStatus.InReview, now, "Sent the event for review", submitted: true),
            Step.Withdraw => Move(e, EventStatus.Draft, now, "Took the event back from review"),
            Step.Cancel => Move(e, EventStatus.Cancelled, now, "Cancelled the event: its page stays, marked cancelled"),
            Step.Approve => Publish(e, now, "Approved and published the event"),
            Step.Reject => Move(e, EventStatus.Draft, now, $"Sent the event back: {reason}", note: reason),
            _ => Move(e, EventStatus.Draft, now, $"Unpublished the event: {reason}", note: reason),
        };
        ActivityLog.Add(db, e.Id, staff is null ? actorId : null, staff is null ? actorName : $"{actorName} (site staff)", ActivityKind.StatusChanged, summary, null, null, now);
        if (staff is not null)
        {
            StaffLog.Add(db, staff, step switch { Step.Approve => StaffActionKind.EventApproved, Step.Reject => StaffActionKind.EventRejected, _ => StaffActionKind.EventUnpublished },
                null, $"{e.Name} ({e.Organisation.Name}){(reason is null ? "" : ": " + reason)}", now);
            await TellOwnersAsync(e, step, reason, now);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        // Once the cancellation stands, everyone registered or waiting hears of it (each pool under its own lock).
        return new(null, e.Status, step == Step.Cancel ? await capacity.CancelEventAsync(e.Id) : 0);
    }

    private static string Publish(Event e, DateTime now, string summary)
    {
        e.PublishedAt ??= now;
        e.PublishedSnapshot = PublicEventSnapshot.ToJson(PublicEventSnapshot.Of(e, e.City?.Name));
        return Move(e, EventStatus.Published, now, summary);
    }

    private static string Move(Event e, EventStatus to, DateTime now, string summary, bool submitted = false, string? note = null)
    {
        e.Status = to;
        e.SubmittedAt = submitted ? now : null;
        e.ReviewNote = note is null ? null : note.Trim()[..Math.Min(note.Trim().Length, Event.ReviewNoteMaxLength)];
        e.UpdatedAt = now;
        return summary;
    }

    private async Task TellOwnersAsync(Event e, Step step, string? reason, DateTime now)
    {
        var owners = await db.OrganisationMembers.Where(m => m.OrganisationId == e.OrganisationId && m.Role == OrganisationRole.Owner
            && (m.ExpiresAt == null || m.ExpiresAt > now) && m.User.DeletedAt == null).Select(m => m.User).ToListAsync();
        var (subject, what) = step switch
        {
            Step.Approve => ($"“{e.Name}” is published", $"A moderator approved “{e.Name}”. It is now in the catalog for everyone to find."),
            Step.Reject => ($"“{e.Name}” needs changes before it is published", $"A moderator sent “{e.Name}” back to draft: {reason} Change it and send it for review again."),
            _ => ($"“{e.Name}” was unpublished", $"A moderator took “{e.Name}” out of the catalog: {reason} It is a draft again; change it and send it for review."),
        };
        foreach (var owner in owners)
            db.OutboxMessages.Add(AccountEmails.Notice(owner, owner.Email!, subject, what, now, $"For {e.Organisation!.Name}. Reply to this email if you have questions."));
    }
}
