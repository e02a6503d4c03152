using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Publishing;

/// <summary>
/// Keeps a series' stored occurrences in step with its rule, from now to <see cref="Recurrence.Horizon"/> ahead (at
/// most <see cref="Recurrence.MaxOccurrences"/>). Past occurrences are never touched. An occurrence is matched to the
/// rule by its day: one the rule still gives takes the rule's time (unless the organiser moved it by hand), one it no
/// longer gives is removed, and a day that is new gets an occurrence. An occurrence that people registered for is
/// kept where it is, and reported, so nobody's place moves or disappears without the organiser deciding it.
/// </summary>
public sealed class Series(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>An occurrence the new rule would have moved or removed, kept because people registered for it.</summary>
    public sealed record Kept(DateOnly Day, DateTime StartsAt, int Registrations, bool RuleDropsIt);

    /// <summary>
    /// Plans the event's occurrences (none for a one-off event: its unbooked future occurrences go). System work, for
    /// the organiser's page that was allowed the edit and for the background service; one series is planned by one at a
    /// time (its advisory lock), so two instances never make the same day twice.
    /// </summary>
    public async Task<IReadOnlyList<Kept>> PlanAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended('series:' || {eventId}::text, 0))", cancellationToken);
        var e = await db.Events.SingleAsync(x => x.Id == eventId, cancellationToken);
        var kept = await PlanAsync(db, e, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return kept;
    }

    /// <summary>Extends the series whose occurrences reach less than the horizon less a day ahead (or were never planned); returns how many.</summary>
    public async Task<int> ExtendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = now + Recurrence.Horizon - TimeSpan.FromDays(1);
        List<Guid> ids;
        await using (var scope = scopes.CreateSystemScope())
            ids = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Events
                .Where(e => e.RepeatRule != null && e.Status != EventStatus.Cancelled && (e.OccurrencesUntil == null || e.OccurrencesUntil < due))
                .OrderBy(e => e.OccurrencesUntil).Select(e => e.Id).Take(50).ToListAsync(cancellationToken);
        foreach (var id in ids) await PlanAsync(id, cancellationToken);
        return ids.Count;
    }

    private static async Task<IReadOnlyList<Kept>> PlanAsync(AppDbContext db, Event e, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + Recurrence.Horizon;
        var planned = Recurrence.Expand(e, now, until).ToDictionary(p => p.Day);
        var existing = await db.Occurrences.Where(o => o.EventId == e.Id && o.StartsAt > now).ToListAsync(cancellationToken);
        var ids = existing.Select(o => o.Id).ToList();
        var registered = await db.Registrations.Where(r => r.OccurrenceId != null && ids.Contains(r.OccurrenceId.Value))
            .GroupBy(r => r.OccurrenceId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var kept = new List<Kept>();
        foreach (var o in existing)
        {
            var booked = registered.GetValueOrDefault(o.Id);
            if (!planned.Remove(o.Day, out var p))
            {
                if (booked > 0) kept.Add(new(o.Day, o.StartsAt, booked, RuleDropsIt: true));
                else db.Occurrences.Remove(o);
                continue;
            }
            // Moved by hand (its sequence went up): it keeps the organiser's time.
            if (o.Sequence > 0 || (o.StartsAt == p.StartsAt && o.EndsAt == p.EndsAt)) continue;
            if (booked > 0) kept.Add(new(o.Day, o.StartsAt, booked, RuleDropsIt: false));
            else (o.StartsAt, o.EndsAt, o.UpdatedAt) = (p.StartsAt, p.EndsAt, now);
        }
        // Days the rule gives that already passed or were made before (a past occurrence on the same day) stay as they are.
        var taken = await db.Occurrences.Where(o => o.EventId == e.Id && o.StartsAt <= now).Select(o => o.Day).ToListAsync(cancellationToken);
        foreach (var p in planned.Values.Where(p => !taken.Contains(p.Day)))
            db.Occurrences.Add(new Occurrence
            {
                Id = Guid.NewGuid(),
                EventId = e.Id,
                Day = p.Day,
                StartsAt = p.StartsAt,
                EndsAt = p.EndsAt,
                Status = OccurrenceStatus.Scheduled,
                CreatedAt = now,
                UpdatedAt = now,
            });
        e.OccurrencesUntil = e.RepeatRule is null ? null : until;
        return kept;
    }

    /// <summary>The sentence that tells the organiser which occurrences stayed where they were, and why.</summary>
    public static string? Explain(IReadOnlyList<Kept> kept, string zoneId)
    {
        if (kept.Count == 0) return null;
        var list = string.Join("; ", kept.OrderBy(k => k.StartsAt).Take(5).Select(k =>
            $"{EventTime.Format(k.StartsAt, zoneId)} ({Plural.Of(k.Registrations, "registration")}{(k.RuleDropsIt ? ", not in the new rule" : "")})"));
        return $"{Plural.Of(kept.Count, "occurrence")} kept at {(kept.Count == 1 ? "its" : "their")} old time because people registered: {list}"
            + (kept.Count > 5 ? " and more" : "") + ". Move or cancel them from the dates list.";
    }
}
