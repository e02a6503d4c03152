using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Registrations;

/// <summary>
/// The organiser's changes to a pool, under its lock like everything else that touches its places: calling off an
/// event or one date of a series, moving a date, and setting a date's own number of places.
/// </summary>
public sealed partial class Capacity
{
    /// <summary>
    /// Calls off one date of a series: everyone registered or waiting is told, in their language, and their registrations
    /// are cancelled. Nothing is offered on (the places went with the date), and no other date is touched. False if the
    /// date was already cancelled or is not the event's.
    /// </summary>
    public async Task<bool> CancelOccurrenceAsync(Guid eventId, Guid occurrenceId, CancellationToken cancellationToken = default) =>
        await InPoolAsync(occurrenceId, Now, async db =>
        {
            var occurrence = await db.Occurrences.Include(o => o.Event).SingleOrDefaultAsync(o => o.Id == occurrenceId && o.EventId == eventId, cancellationToken);
            if (occurrence is null || occurrence.Status == OccurrenceStatus.Cancelled) return false;
            (occurrence.Status, occurrence.UpdatedAt) = (OccurrenceStatus.Cancelled, Now);
            await CallOffAsync(db, new Pool(occurrence.Event!, occurrence), cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The event itself is cancelled (<see cref="Publishing.EventLifecycle"/>): everyone registered or waiting for it,
    /// or for any of its dates still to come, is told and their registrations cancelled. Returns how many were told.
    /// </summary>
    public async Task<int> CancelEventAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        List<Guid> pools;
        await using (var scope = scopes.CreateSystemScope())
            pools = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Registrations
                .Where(r => r.EventId == eventId && Registration.Standing.Contains(r.Status)).Select(r => r.OccurrenceId ?? r.EventId).Distinct()
                .ToListAsync(cancellationToken);
        var told = 0;
        foreach (var pool in pools)
            told += await InPoolAsync(pool, now, async db => await PoolAsync(db, pool, cancellationToken) is { } p
                && (p.EndsAt ?? p.StartsAt) > now ? await CallOffAsync(db, p, cancellationToken) : 0, cancellationToken);
        return told;
    }

    /// <summary>
    /// Moves one date of a series to a new start (its length stays): the date's SEQUENCE goes up, and everyone registered
    /// or waiting gets the new time with a calendar file that replaces the old entry. False if it is cancelled or past.
    /// </summary>
    public async Task<bool> MoveOccurrenceAsync(Guid eventId, Guid occurrenceId, DateTime newStart, CancellationToken cancellationToken = default) =>
        await InPoolAsync(occurrenceId, Now, async db =>
        {
            var now = Now;
            var occurrence = await db.Occurrences.Include(o => o.Event).SingleOrDefaultAsync(o => o.Id == occurrenceId && o.EventId == eventId, cancellationToken);
            if (occurrence is null || occurrence.Status == OccurrenceStatus.Cancelled || occurrence.StartsAt <= now || newStart <= now) return false;
            if (occurrence.StartsAt == newStart) return true;
            var previous = occurrence.StartsAt;
            (occurrence.EndsAt, occurrence.StartsAt) = (occurrence.EndsAt is { } end ? newStart + (end - previous) : null, newStart);
            (occurrence.Sequence, occurrence.UpdatedAt) = (occurrence.Sequence + 1, now);
            var page = PageOf(new Pool(occurrence.Event!, occurrence));
            foreach (var r in await db.Registrations.Where(r => r.OccurrenceId == occurrenceId && Registration.Standing.Contains(r.Status)).ToListAsync(cancellationToken))
                db.OutboxMessages.Add(RegistrationEmails.Moved(r, occurrence.Event!, occurrence, previous, page, now));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Sets a date's own number of places (null: the series'). It cannot go below the places already taken; more places
    /// are offered at once to the people waiting. Null on success, else why not.
    /// </summary>
    public async Task<string?> SetOccurrencePlacesAsync(Guid eventId, Guid occurrenceId, int? places, CancellationToken cancellationToken = default) =>
        await InPoolAsync(occurrenceId, Now, async db =>
        {
            var occurrence = await db.Occurrences.Include(o => o.Event).SingleOrDefaultAsync(o => o.Id == occurrenceId && o.EventId == eventId, cancellationToken);
            if (occurrence is null) return "That date is not in this series.";
            var taken = await TakenAsync(db, occurrenceId, cancellationToken);
            if ((places ?? occurrence.Event!.Capacity) is { } limit && limit < taken)
                return $"{Plural.Of(taken, "place is", "places are")} already taken on that date. Choose {taken} or more.";
            (occurrence.Capacity, occurrence.UpdatedAt) = (places, Now);
            await db.SaveChangesAsync(cancellationToken);
            await OfferFreedPlacesAsync(db, occurrenceId, Now, cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>Tells everyone registered or waiting in the pool that it is off, and cancels their registrations (offering nothing on).</summary>
    private async Task<int> CallOffAsync(AppDbContext db, Pool pool, CancellationToken cancellationToken)
    {
        var now = Now;
        var page = PageOf(pool);
        var standing = await db.Registrations.Where(InPool(pool.Id)).Where(r => Registration.Standing.Contains(r.Status)).ToListAsync(cancellationToken);
        foreach (var r in standing)
        {
            Set(r, RegistrationStatus.Cancelled, null, now);
            db.OutboxMessages.Add(RegistrationEmails.Cancelled(r, pool.Event, pool.Occurrence, page, now));
        }
        await db.SaveChangesAsync(cancellationToken);
        return standing.Count;
    }
}
