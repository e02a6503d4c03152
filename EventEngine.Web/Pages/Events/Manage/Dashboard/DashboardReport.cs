using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Pages.Events.Manage.Guests;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Dashboard;

/// <summary>A day in the event's time zone: first answers given on it, and whether invitations or reminders went out.</summary>
public sealed record AnswerDay(DateOnly Day, int Answers, bool Invitations, bool Reminders);

public sealed record Delivery(MessageChannel Channel, int Waiting, int Sent, int Delivered, int Read, int Failed)
{
    public int Total => Waiting + Sent + Delivered + Read + Failed;
}

/// <summary>Everything the dashboard shows, read from the event's guests, activity log and outbox.</summary>
public sealed record DashboardReport(
    GuestCounts Counts, IReadOnlyList<GroupCount> Households, IReadOnlyList<DietaryNeed> Dietary, IReadOnlyList<AnswerDay> Days, IReadOnlyList<Delivery> Deliveries)
{
    /// <summary>The answers chart covers at most this many days (the most recent), and at least MinDays, so one busy day reads as a day.</summary>
    public const int MaxDays = 90;
    public const int MinDays = 14;

    public static async Task<DashboardReport> LoadAsync(AppDbContext db, Guid eventId, string zoneId, DateTime now) => new(
        await GuestCounts.LoadAsync(db, eventId),
        await HouseholdsAsync(db, eventId),
        await DietaryAsync(db, eventId),
        await DaysAsync(db, eventId, zoneId, now),
        await DeliveriesAsync(db, eventId));

    private static async Task<List<GroupCount>> HouseholdsAsync(AppDbContext db, Guid eventId)
    {
        // By id, not name: two households may share a name.
        var rows = (await GroupCount.ByAsync(db.Guests.Where(g => g.EventId == eventId),
                g => new { g.HouseholdId, Name = g.Household != null ? g.Household.Name : null }))
            .Select(r => r.Count with { Name = r.Key.Name }).ToList();
        return [.. rows.OrderBy(r => r.Name is null).ThenByDescending(r => r.Guests).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Needs among everyone who may come: guests not declined, and their named plus-ones.</summary>
    private static async Task<List<DietaryNeed>> DietaryAsync(AppDbContext db, Guid eventId)
    {
        var guests = await db.Guests.AsNoTracking()
            .Where(g => g.EventId == eventId && g.Status != GuestStatus.Declined && (g.DietaryNeeds != null || g.PlusOneDietaryNeeds.Count > 0))
            .OrderBy(g => g.SortName).ThenBy(g => g.FirstName)
            .Select(g => new { g.FirstName, g.LastName, g.DietaryNeeds, g.PlusOneNames, g.PlusOneDietaryNeeds })
            .ToListAsync();
        return DietaryNeeds.Summarise(guests.SelectMany(g =>
            DietaryNeeds.People(Guest.NameOf(g.FirstName, g.LastName), g.DietaryNeeds, g.PlusOneNames, g.PlusOneDietaryNeeds)));
    }

    private static async Task<List<AnswerDay>> DaysAsync(AppDbContext db, Guid eventId, string zoneId, DateTime now)
    {
        DateOnly Day(DateTime utc) => DateOnly.FromDateTime(EventTime.ToLocal(utc, zoneId));
        var answers = (await db.EventActivities.Where(a => a.EventId == eventId && a.Kind == ActivityKind.RsvpAnswered).Select(a => a.CreatedAt).ToListAsync())
            .GroupBy(Day).ToDictionary(g => g.Key, g => g.Count());
        var sent = await db.OutboxMessages
            .Where(m => m.EventId == eventId && m.SentAt != null && (m.Purpose == MessagePurpose.Invitation || m.Purpose == MessagePurpose.Reminder))
            .Select(m => new { m.Purpose, SentAt = m.SentAt!.Value }).ToListAsync();
        var invitations = sent.Where(m => m.Purpose == MessagePurpose.Invitation).Select(m => Day(m.SentAt)).ToHashSet();
        var reminders = sent.Where(m => m.Purpose == MessagePurpose.Reminder).Select(m => Day(m.SentAt)).ToHashSet();
        var days = answers.Keys.Concat(invitations).Concat(reminders).ToList();
        if (days.Count == 0) return [];
        var last = new[] { days.Max(), Day(now) }.Max();
        var first = new[] { new[] { days.Min(), last.AddDays(1 - MinDays) }.Min(), last.AddDays(1 - MaxDays) }.Max();
        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(i => first.AddDays(i))
            .Select(d => new AnswerDay(d, answers.GetValueOrDefault(d), invitations.Contains(d), reminders.Contains(d)))];
    }

    private static async Task<List<Delivery>> DeliveriesAsync(AppDbContext db, Guid eventId)
    {
        var counts = await db.OutboxMessages.Where(m => m.EventId == eventId && m.GuestId != null && m.State != MessageState.Cancelled)
            .GroupBy(m => new { m.Channel, m.State }).Select(g => new { g.Key.Channel, g.Key.State, Count = g.Count() }).ToListAsync();
        int Count(MessageChannel c, params MessageState[] states) => counts.Where(x => x.Channel == c && states.Contains(x.State)).Sum(x => x.Count);
        return [.. Enum.GetValues<MessageChannel>()
            .Select(c => new Delivery(c, Count(c, MessageState.Queued, MessageState.Sending), Count(c, MessageState.Sent), Count(c, MessageState.Delivered),
                Count(c, MessageState.Read), Count(c, MessageState.Failed)))
            .Where(d => d.Total > 0)];
    }
}
