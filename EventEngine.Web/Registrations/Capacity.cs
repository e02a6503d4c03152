using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Registrations;

/// <summary>
/// The places of public events, never oversold (../shared/design/PUBLIC.md, "Capacity"). Each event is one pool.
/// Taking places is one transaction: the pool's advisory lock (with a timeout), lapse the holds and offers whose time
/// is up, count what is taken (confirmed, held, offered), then write: a registration that fits takes its places, one
/// that does not joins the waiting list. Freeing places (cancelling) needs no lock. The database's trigger
/// (migration 0022) takes the same lock and refuses a write that would go over, whichever path it came by.
/// </summary>
public sealed class Capacity(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long a visitor's unconfirmed registration keeps its places.</summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Who registers for how many places. <paramref name="Confirmed"/>: a signed-in person, whose address is known;
    /// otherwise the places are held until the visitor confirms from the email.
    /// </summary>
    public sealed record Request(Guid EventId, Guid? UserId, string Name, string Email, int Places, bool Confirmed);

    /// <summary>The registration, confirmed, held or on the waiting list; null when the event takes no registrations.</summary>
    public async Task<Registration?> RegisterAsync(Request request, CancellationToken cancellationToken = default)
    {
        // Counting a pool reads every registration in it, which no one person may: system work (migration 0022).
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, request.EventId, cancellationToken);
        var pool = await db.Events.Where(e => e.Id == request.EventId && e.Visibility == EventVisibility.Public && e.Status == EventStatus.Published
                && (e.EndsAt ?? e.StartsAt) > now)
            .Select(e => new { e.Capacity, e.PlacesPerPerson }).SingleOrDefaultAsync(cancellationToken);
        if (pool is null) return null;
        if (request.Places < 1 || request.Places > pool.PlacesPerPerson)
            throw new ArgumentOutOfRangeException(nameof(request), $"A registration takes 1 to {pool.PlacesPerPerson} places.");

        await LapseAsync(db, request.EventId, now, cancellationToken);
        var taken = await TakenAsync(db, request.EventId, cancellationToken);
        var fits = pool.Capacity is not { } capacity || taken + request.Places <= capacity;
        var registration = new Registration
        {
            Id = Guid.NewGuid(),
            EventId = request.EventId,
            UserId = request.UserId,
            Name = request.Name,
            Email = request.Email,
            Places = request.Places,
            Status = !fits ? RegistrationStatus.Waitlisted : request.Confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Held,
            HoldUntil = fits && !request.Confirmed ? now + HoldFor : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Registrations.Add(registration);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return registration;
    }

    /// <summary>Frees the registration's places at once (no lock: freeing cannot oversell). False if it was already cancelled.</summary>
    public async Task<bool> CancelAsync(Guid registrationId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Registrations.Where(r => r.Id == registrationId && r.Status != RegistrationStatus.Cancelled)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.HoldUntil, (DateTime?)null)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken) == 1;
    }

    /// <summary>The places taken in the pool now: confirmed, held and offered.</summary>
    public static Task<int> TakenAsync(AppDbContext db, Guid pool, CancellationToken cancellationToken = default) =>
        db.Registrations.Where(r => r.EventId == pool && Registration.Taking.Contains(r.Status)).SumAsync(r => r.Places, cancellationToken);

    /// <summary>The pool's lock, for the rest of the transaction; waiting longer than the timeout fails rather than queues for ever.</summary>
    private static Task LockAsync(AppDbContext db, Guid pool, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock(ee_capacity_lock_key({pool}))", cancellationToken);

    /// <summary>Holds and offers whose time is up stop taking places (on the app's clock, as everything else).</summary>
    private static Task LapseAsync(AppDbContext db, Guid pool, DateTime now, CancellationToken cancellationToken) =>
        db.Registrations.Where(r => r.EventId == pool && (r.Status == RegistrationStatus.Held || r.Status == RegistrationStatus.Offered) && r.HoldUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Expired).SetProperty(r => r.HoldUntil, (DateTime?)null)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
}
