using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Registrations;

/// <summary>
/// The places of public events, never oversold (../shared/design/PUBLIC.md, "Capacity"). Each event is one pool.
/// Everything that takes or hands out places runs in one transaction holding the pool's advisory lock (with a
/// timeout): it first lapses the holds and offers whose time is up, then counts what is taken (confirmed, held,
/// offered) and writes. A registration that fits takes its places; one that does not joins the waiting list, and
/// places that free (a cancellation, a lapse) are offered to the waiting list first come, first served, each offer
/// holding its places for the event's offer hours. The database's trigger (migration 0022) takes the same lock and
/// refuses a write that would go over, whichever path it came by.
/// </summary>
public sealed class Capacity(IServiceScopeFactory scopes, LinkTokens tokens, IOptions<AppOptions> app, TimeProvider clock)
{
    /// <summary>How long a visitor's unconfirmed registration keeps its places.</summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Who registers for how many places. <paramref name="Confirmed"/>: a signed-in person, whose address is known;
    /// otherwise the places are held until the visitor confirms from the email.
    /// </summary>
    public sealed record Request(Guid EventId, Guid? UserId, string Name, string Email, int Places, bool Confirmed);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The registration's own link, to confirm, take up an offer or cancel.</summary>
    public static string Url(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/registrations/{token}";

    public string Token(Registration registration) => tokens.Token(registration.Seed);

    /// <summary>The registration, confirmed, held or on the waiting list; null when the event takes no registrations.</summary>
    public async Task<Registration?> RegisterAsync(Request request, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return await InPoolAsync(request.EventId, now, async db =>
        {
            var pool = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EventId && e.Visibility == EventVisibility.Public
                && e.Status == EventStatus.Published && (e.EndsAt ?? e.StartsAt) > now, cancellationToken);
            if (pool is null) return null;
            if (request.Places < 1 || request.Places > pool.PlacesPerPerson)
                throw new ArgumentOutOfRangeException(nameof(request), $"A registration takes 1 to {pool.PlacesPerPerson} places.");
            // Nobody already waiting is passed over: a newcomer waits behind them even if their own places would fit.
            var fits = await FitsAsync(db, request.EventId, pool.Capacity, request.Places, cancellationToken)
                && !await db.Registrations.AnyAsync(r => r.EventId == request.EventId && r.Status == RegistrationStatus.Waitlisted, cancellationToken);
            var seed = LinkTokens.NewSeed();
            var registration = new Registration
            {
                Id = Guid.NewGuid(),
                Seed = seed,
                TokenHash = LinkTokens.Hash(tokens.Token(seed)),
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
            Tell(db, registration, pool, now);
            await db.SaveChangesAsync(cancellationToken);
            return registration;
        }, cancellationToken);
    }

    /// <summary>Cancels (or declines an offer): the places go at once to the waiting list. False if there was nothing to cancel.</summary>
    public async Task<bool> CancelAsync(Guid registrationId, CancellationToken cancellationToken = default) =>
        await ChangeAsync(registrationId, async (db, registration, now) =>
        {
            if (registration.Status is RegistrationStatus.Cancelled) return false;
            Set(registration, RegistrationStatus.Cancelled, null, now);
            await db.SaveChangesAsync(cancellationToken);
            await OfferFreedPlacesAsync(db, registration.EventId, now, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Takes up an offer (or confirms a held registration) while it lasts. False if it had lapsed or was not open.</summary>
    public async Task<bool> ConfirmAsync(Guid registrationId, CancellationToken cancellationToken = default) =>
        await ChangeAsync(registrationId, async (db, registration, now) =>
        {
            if (registration.Status is not (RegistrationStatus.Offered or RegistrationStatus.Held)) return false;
            Set(registration, RegistrationStatus.Confirmed, null, now);
            Tell(db, registration, await db.Events.AsNoTracking().SingleAsync(e => e.Id == registration.EventId, cancellationToken), now);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>The organiser confirms someone from the waiting list by hand, if their places are free. False if not.</summary>
    public async Task<bool> PromoteAsync(Guid registrationId, CancellationToken cancellationToken = default) =>
        await ChangeAsync(registrationId, async (db, registration, now) =>
        {
            if (registration.Status is not RegistrationStatus.Waitlisted) return false;
            var capacity = await db.Events.Where(e => e.Id == registration.EventId).Select(e => e.Capacity).SingleAsync(cancellationToken);
            if (!await FitsAsync(db, registration.EventId, capacity, registration.Places, cancellationToken)) return false;
            Set(registration, RegistrationStatus.Confirmed, null, now);
            Tell(db, registration, await db.Events.AsNoTracking().SingleAsync(e => e.Id == registration.EventId, cancellationToken), now);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Lapses the holds and offers whose time is up, in every pool, and offers what they free; returns how many lapsed.
    /// Each pool is claimed with a try of its lock (the advisory lock's SKIP LOCKED): a pool another instance, or a
    /// registration, is working on is skipped, since whoever holds the lock lapses what is due first anyway. The lock
    /// comes before any row lock, as everywhere else, so nothing waits in a circle.
    /// </summary>
    public async Task<int> LapseDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pools = await db.Registrations.Where(r => r.HoldUntil <= now).Select(r => r.EventId).Distinct().Take(100).ToListAsync(cancellationToken);
        var lapsed = 0;
        foreach (var pool in pools)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(ee_capacity_lock_key({pool})) AS \"Value\"").SingleAsync(cancellationToken))
                continue;
            var count = await LapseAsync(db, pool, now, cancellationToken);
            if (count > 0) await OfferFreedPlacesAsync(db, pool, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            lapsed += count;
        }
        return lapsed;
    }

    /// <summary>What the event's page says: places left (null for no limit), and whether people are waiting for one.</summary>
    public async Task<(int? Left, bool Waiting)> AvailabilityAsync(Guid pool, int? capacity, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var waiting = await db.Registrations.AnyAsync(r => r.EventId == pool && r.Status == RegistrationStatus.Waitlisted, cancellationToken);
        return (capacity is { } limit ? Math.Max(0, limit - await TakenAsync(db, pool, cancellationToken)) : null, waiting);
    }

    /// <summary>The places taken in the pool now: confirmed, held and offered.</summary>
    public static Task<int> TakenAsync(AppDbContext db, Guid pool, CancellationToken cancellationToken = default) =>
        db.Registrations.Where(r => r.EventId == pool && Registration.Taking.Contains(r.Status)).SumAsync(r => r.Places, cancellationToken);

    /// <summary>Loads the registration and changes it under its pool's lock (system work, as every write to a pool).</summary>
    private async Task<bool> ChangeAsync(Guid registrationId, Func<AppDbContext, Registration, DateTime, Task<bool>> change, CancellationToken cancellationToken)
    {
        var now = Now;
        Guid pool;
        await using (var scope = scopes.CreateSystemScope())
        {
            var found = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Registrations.Where(r => r.Id == registrationId)
                .Select(r => (Guid?)r.EventId).SingleOrDefaultAsync(cancellationToken);
            if (found is null) return false;
            pool = found.Value;
        }
        return await InPoolAsync(pool, now, async db =>
            await db.Registrations.SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken) is { } registration
                && await change(db, registration, now), cancellationToken);
    }

    /// <summary>One transaction holding the pool's lock, after lapsing what is due in it.</summary>
    private async Task<T> InPoolAsync<T>(Guid pool, DateTime now, Func<AppDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        // Counting a pool reads every registration in it, which no one person may: system work (migration 0022).
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, pool, cancellationToken);
        if (await LapseAsync(db, pool, now, cancellationToken) > 0) await OfferFreedPlacesAsync(db, pool, now, cancellationToken);
        var result = await work(db);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<bool> FitsAsync(AppDbContext db, Guid pool, int? capacity, int places, CancellationToken cancellationToken) =>
        capacity is not { } limit || await TakenAsync(db, pool, cancellationToken) + places <= limit;

    /// <summary>Offers free places to the waiting list in order, stopping at the first who does not fit (nobody is passed over).</summary>
    private async Task OfferFreedPlacesAsync(AppDbContext db, Guid pool, DateTime now, CancellationToken cancellationToken)
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == pool, cancellationToken);
        var free = e.Capacity is { } capacity ? capacity - await TakenAsync(db, pool, cancellationToken) : int.MaxValue;
        var waiting = await db.Registrations.Where(r => r.EventId == pool && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        foreach (var next in waiting.TakeWhile(r => (free -= r.Places) >= 0))
        {
            Set(next, RegistrationStatus.Offered, now + TimeSpan.FromHours(e.OfferHours), now);
            Tell(db, next, e, now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Queues the email the registration now calls for, in the same transaction as the change.</summary>
    private void Tell(AppDbContext db, Registration registration, Event e, DateTime now)
    {
        var page = app.Value.BaseUrl.TrimEnd('/') + Pages.Catalog.EventModel.PathOf(e);
        if (RegistrationEmails.For(registration, e, page, now) is { } email) db.OutboxMessages.Add(email);
    }

    private static void Set(Registration registration, RegistrationStatus status, DateTime? holdUntil, DateTime now) =>
        (registration.Status, registration.HoldUntil, registration.UpdatedAt) = (status, holdUntil, now);

    /// <summary>The pool's lock, for the rest of the transaction; waiting longer than the timeout fails rather than queues for ever.</summary>
    private static Task LockAsync(AppDbContext db, Guid pool, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock(ee_capacity_lock_key({pool}))", cancellationToken);

    /// <summary>Holds and offers whose time is up stop taking places (on the app's clock, as everything else).</summary>
    private static Task<int> LapseAsync(AppDbContext db, Guid pool, DateTime now, CancellationToken cancellationToken) =>
        db.Registrations.Where(r => r.EventId == pool && r.HoldUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Expired).SetProperty(r => r.HoldUntil, (DateTime?)null)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
}
