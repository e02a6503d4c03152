using EventEngine.Web.Authorization;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Data;

/// <summary>
/// Adds entries to an event's activity log. Adding only tracks the entry: the caller's SaveChanges (or transaction)
/// writes it together with the change it records, so one never lands without the other.
/// </summary>
public sealed class ActivityLog(AppDbContext db, CurrentEvent current, TimeProvider clock)
{
    /// <summary>An entry by the signed-in member, on the event in the route.</summary>
    public EventActivity Add(ActivityKind kind, string summary, string? detail = null, Guid? guestId = null) =>
        Add(db, current.EventId, current.UserId, current.Membership.UserName, kind, summary, detail, guestId, clock.GetUtcNow().UtcDateTime);

    public static EventActivity Add(AppDbContext db, Guid eventId, Guid? actorUserId, string actorName, ActivityKind kind, string summary,
        string? detail, Guid? guestId, DateTime now, MessageChannel? channel = null)
    {
        var entry = new EventActivity
        {
            EventId = eventId,
            CreatedAt = now,
            ActorUserId = actorUserId,
            ActorName = EventActivity.Fit(actorName, EventActivity.NameMaxLength),
            Kind = kind,
            GuestId = guestId,
            Channel = channel,
            Summary = EventActivity.Fit(summary, EventActivity.SummaryMaxLength),
            Detail = string.IsNullOrWhiteSpace(detail) ? null : EventActivity.Fit(detail, EventActivity.DetailMaxLength),
        };
        db.EventActivities.Add(entry);
        return entry;
    }

    /// <summary>What an edit changed, one line per field that differs ("Phone: +447700900001 → +447700900002"), or null.</summary>
    public static string? Changes(List<(string Field, string Value)> before, List<(string Field, string Value)> after)
    {
        // By field, not by position: a snapshot kept before a field was added still compares (the field was empty then).
        var was = before.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Value);
        var lines = after
            .Select(pair => (pair.Field, Before: was.GetValueOrDefault(pair.Field, ""), After: pair.Value))
            .Where(pair => pair.Before != pair.After)
            .Select(pair => $"{pair.Field}: {Show(pair.Before)} → {Show(pair.After)}")
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>A value on one line, cut to a readable length; "(empty)" for nothing.</summary>
    public static string Show(string value) => value.Length == 0 ? "(empty)" : EventActivity.Fit(value.ReplaceLineEndings(" "), 200);

    /// <summary>"Dana Levi, Tom Cohen and 12 more": the people a bulk change touched, short enough to read.</summary>
    public static string Names(IReadOnlyCollection<string> names, int shown = 30) =>
        names.Count <= shown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(shown))} and {names.Count - shown} more";
}
