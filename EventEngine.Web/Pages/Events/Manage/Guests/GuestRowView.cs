using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>What one row of the guest table needs: the guest, its latest message, where its links point, and what to offer.</summary>
public sealed record GuestRowView(Guest Guest, Guid EventId, bool CanEdit, GuestRowView.LastMessage? Message = null, GuestRowView.Registered? Registration = null)
{
    public sealed record LastMessage(Guid GuestId, MessageChannel Channel, MessageState State, string? Error);

    /// <summary>A registered person's latest registration that still stands: its date (for a series) and answers.</summary>
    public sealed record Registered(Guid GuestId, string? Date, IReadOnlyList<(string Question, string Answer)> Answers);

    /// <summary>For the guests among these who registered: their latest standing registration's date and answers.</summary>
    public static async Task<Dictionary<Guid, Registered>> RegistrationsAsync(AppDbContext db, Guid eventId, IReadOnlyCollection<Guid> guestIds)
    {
        var latest = await db.Registrations.Where(r => r.EventId == eventId && r.GuestId != null && guestIds.Contains(r.GuestId.Value))
            .GroupBy(r => r.GuestId!.Value)
            .Select(g => g.OrderBy(r => Domain.Registration.Standing.Contains(r.Status) ? 0 : 1).ThenByDescending(r => r.CreatedAt)
                .Select(r => new { GuestId = r.GuestId!.Value, r.Id, Date = db.Occurrences.Where(o => o.Id == r.OccurrenceId).Select(o => (DateTime?)o.StartsAt).FirstOrDefault() })
                .First())
            .ToListAsync();
        var ids = latest.Select(r => r.Id).ToList();
        var zone = await db.Events.Where(e => e.Id == eventId).Select(e => e.TimeZoneId).SingleAsync();
        var answers = (await db.RegistrationAnswers.Where(a => ids.Contains(a.RegistrationId))
            .Join(db.RegistrationQuestions, a => a.QuestionId, q => q.Id, (a, q) => new { a.RegistrationId, q.Position, q.Label, a.Value })
            .ToListAsync())
            .ToLookup(a => a.RegistrationId);
        return latest.ToDictionary(r => r.GuestId, r => new Registered(r.GuestId, r.Date is { } date ? EventTime.Format(date, zone) : null,
            answers[r.Id].OrderBy(a => a.Position).Select(a => (a.Label, a.Value)).ToList()));
    }

    /// <summary>The newest message of each of these guests.</summary>
    public static async Task<Dictionary<Guid, LastMessage>> LastMessagesAsync(AppDbContext db, Guid eventId, IReadOnlyCollection<Guid> guestIds) =>
        await db.OutboxMessages.Where(m => m.EventId == eventId && m.GuestId != null && guestIds.Contains(m.GuestId.Value))
            .GroupBy(m => m.GuestId!.Value)
            .Select(g => g.OrderByDescending(m => m.CreatedAt).Select(m => new LastMessage(m.GuestId!.Value, m.Channel, m.State, m.Error)).First())
            .ToDictionaryAsync(m => m.GuestId);
}
