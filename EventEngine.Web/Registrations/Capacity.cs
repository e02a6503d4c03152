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
public sealed partial class Capacity(IServiceScopeFactory scopes, LinkTokens tokens, IOptions<AppOptions> app, TimeProvider clock)
{
    /// <summary>How long a visitor's unconfirmed registration keeps its places.</summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Who registers for how many places. <paramref name="Confirmed"/>: a signed-in person, whose address is known;
    /// otherwise the places are held until the visitor confirms from the email.
    /// </summary>
    /// <paramref name="OccurrenceId"/>: the date of a series, which is the pool; null for a one-off event.
    /// <paramref name="Answers"/>: to the organiser's questions, already checked (<see cref="Registrations.Answers"/>).
    public sealed record Request(Guid EventId, Guid? UserId, string Name, string Email, int Places, bool Confirmed, Guid? OccurrenceId = null,
        Language Language = Language.English, IReadOnlyDictionary<Guid, string>? Answers = null);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The registration's own link, to confirm, take up an offer or cancel.</summary>
    public static string Url(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/registrations/{token}";

    public string Token(Registration registration) => tokens.Token(registration.Seed);

    /// <summary>
    /// The registration, confirmed, held or on the waiting list; null when the event (or the series' occurrence) takes
    /// no registrations: not published, over, cancelled, or a series asked without one of its occurrences.
    /// </summary>
    public async Task<Registration?> RegisterAsync(Request request, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return await InPoolAsync(request.OccurrenceId ?? request.EventId, now, async db =>
        {
            var pool = await PoolAsync(db, request.OccurrenceId ?? request.EventId, cancellationToken);
            if (pool is not { } p || p.Event.Id != request.EventId || p.Event.Visibility != EventVisibility.Public || p.Event.Status != EventStatus.Published
                || p.Event.IsSeries != (p.Occurrence is not null) || p.Occurrence?.Status == OccurrenceStatus.Cancelled || (p.EndsAt ?? p.StartsAt) <= now)
                return null;
            if (request.Places < 1 || request.Places > p.Event.PlacesPerPerson)
                throw new ArgumentOutOfRangeException(nameof(request), $"A registration takes 1 to {p.Event.PlacesPerPerson} places.");
            // Nobody already waiting is passed over: a newcomer waits behind them even if their own places would fit.
            var fits = await FitsAsync(db, p.Id, p.Capacity, request.Places, cancellationToken)
                && !await db.Registrations.Where(InPool(p.Id)).AnyAsync(r => r.Status == RegistrationStatus.Waitlisted, cancellationToken);
            var seed = LinkTokens.NewSeed();
            var registration = new Registration
            {
                Id = Guid.NewGuid(),
                Seed = seed,
                TokenHash = LinkTokens.Hash(tokens.Token(seed)),
                EventId = request.EventId,
                OccurrenceId = request.OccurrenceId,
                Language = request.Language,
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
            foreach (var (question, value) in request.Answers ?? new Dictionary<Guid, string>())
                db.RegistrationAnswers.Add(new RegistrationAnswer { RegistrationId = registration.Id, QuestionId = question, EventId = request.EventId, Value = value });
            Tell(db, registration, p, now);
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
            await OfferFreedPlacesAsync(db, PoolOf(registration), now, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Takes up an offer (or confirms a held registration) while it lasts. False if it had lapsed or was not open.</summary>
    public async Task<bool> ConfirmAsync(Guid registrationId, CancellationToken cancellationToken = default) =>
        await ChangeAsync(registrationId, async (db, registration, now) =>
        {
            if (registration.Status is not (RegistrationStatus.Offered or RegistrationStatus.Held)) return false;
            Set(registration, RegistrationStatus.Confirmed, null, now);
            Tell(db, registration, (await PoolAsync(db, PoolOf(registration), cancellationToken))!.Value, now);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>The organiser confirms someone from the waiting list by hand, if their places are free. False if not.</summary>
    public async Task<bool> PromoteAsync(Guid registrationId, CancellationToken cancellationToken = default) =>
        await ChangeAsync(registrationId, async (db, registration, now) =>
        {
            if (registration.Status is not RegistrationStatus.Waitlisted) return false;
            var pool = (await PoolAsync(db, PoolOf(registration), cancellationToken))!.Value;
            if (!await FitsAsync(db, pool.Id, pool.Capacity, registration.Places, cancellationToken)) return false;
            Set(registration, RegistrationStatus.Confirmed, null, now);
            Tell(db, registration, pool, now);
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
        var pools = await db.Registrations.Where(r => r.HoldUntil <= now).Select(r => r.OccurrenceId ?? r.EventId).Distinct().Take(100).ToListAsync(cancellationToken);
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
        var waiting = await db.Registrations.Where(InPool(pool)).AnyAsync(r => r.Status == RegistrationStatus.Waitlisted, cancellationToken);
        return (capacity is { } limit ? Math.Max(0, limit - await TakenAsync(db, pool, cancellationToken)) : null, waiting);
    }

    /// <summary>The places taken in the pool now: confirmed, held and offered.</summary>
    public static Task<int> TakenAsync(AppDbContext db, Guid pool, CancellationToken cancellationToken = default) =>
        db.Registrations.Where(InPool(pool)).Where(r => Registration.Taking.Contains(r.Status)).SumAsync(r => r.Places, cancellationToken);

    /// <summary>Loads the registration and changes it under its pool's lock (system work, as every write to a pool).</summary>
    private async Task<bool> ChangeAsync(Guid registrationId, Func<AppDbContext, Registration, DateTime, Task<bool>> change, CancellationToken cancellationToken)
    {
        var now = Now;
        Guid pool;
        await using (var scope = scopes.CreateSystemScope())
        {
            var found = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Registrations.Where(r => r.Id == registrationId)
                .Select(r => r.OccurrenceId ?? (Guid?)r.EventId).SingleOrDefaultAsync(cancellationToken);
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
        // A cancelled occurrence offers nothing: its places went with it.
        if (await PoolAsync(db, pool, cancellationToken) is not { } p || p.Occurrence?.Status == OccurrenceStatus.Cancelled) return;
        var free = p.Capacity is { } capacity ? capacity - await TakenAsync(db, pool, cancellationToken) : int.MaxValue;
        var waiting = await db.Registrations.Where(InPool(pool)).Where(r => r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        foreach (var next in waiting.TakeWhile(r => (free -= r.Places) >= 0))
        {
            Set(next, RegistrationStatus.Offered, now + TimeSpan.FromHours(p.Event.OfferHours), now);
            Tell(db, next, p, now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Queues the email the registration now calls for, in the same transaction as the change.</summary>
    private void Tell(AppDbContext db, Registration registration, Pool pool, DateTime now)
    {
        if (RegistrationEmails.For(registration, pool.Event, pool.Occurrence, PageOf(pool), now) is { } email) db.OutboxMessages.Add(email);
    }

    private string PageOf(Pool pool) => app.Value.BaseUrl.TrimEnd('/') + Pages.Catalog.EventModel.PathOf(pool.Event, pool.Occurrence);

    /// <summary>A capacity pool: a one-off event, or one occurrence of a series (whose places default to the series').</summary>
    public readonly record struct Pool(Event Event, Occurrence? Occurrence)
    {
        public Guid Id => Occurrence?.Id ?? Event.Id;
        public int? Capacity => Occurrence is null ? Event.Capacity : Occurrence.Capacity ?? Event.Capacity;
        public DateTime StartsAt => Occurrence?.StartsAt ?? Event.StartsAt;
        public DateTime? EndsAt => Occurrence is null ? Event.EndsAt : Occurrence.EndsAt;
    }

    /// <summary>The pool a registration's places are in: its occurrence's, else its event's.</summary>
    public static Guid PoolOf(Registration registration) => registration.OccurrenceId ?? registration.EventId;

    /// <summary>The registrations in a pool. Ids are unique across events and occurrences, so one id names one pool.</summary>
    public static System.Linq.Expressions.Expression<Func<Registration, bool>> InPool(Guid pool) =>
        r => r.OccurrenceId == pool || (r.EventId == pool && r.OccurrenceId == null);

    private static async Task<Pool?> PoolAsync(AppDbContext db, Guid pool, CancellationToken cancellationToken)
    {
        if (await db.Occurrences.AsNoTracking().Include(o => o.Event).SingleOrDefaultAsync(o => o.Id == pool, cancellationToken) is { } occurrence)
            return new Pool(occurrence.Event!, occurrence);
        return await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == pool, cancellationToken) is { } e ? new Pool(e, null) : null;
    }

    private static void Set(Registration registration, RegistrationStatus status, DateTime? holdUntil, DateTime now) =>
        (registration.Status, registration.HoldUntil, registration.UpdatedAt) = (status, holdUntil, now);

    /// <summary>The pool's lock, for the rest of the transaction; waiting longer than the timeout fails rather than queues for ever.</summary>
    private static Task LockAsync(AppDbContext db, Guid pool, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock(ee_capacity_lock_key({pool}))", cancellationToken);

    /// <summary>Holds and offers whose time is up stop taking places (on the app's clock, as everything else).</summary>
    private static Task<int> LapseAsync(AppDbContext db, Guid pool, DateTime now, CancellationToken cancellationToken) =>
        db.Registrations.Where(InPool(pool)).Where(r => r.HoldUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Expired).SetProperty(r => r.HoldUntil, (DateTime?)null)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
}
