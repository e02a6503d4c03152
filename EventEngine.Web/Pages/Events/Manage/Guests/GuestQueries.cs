using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// What the guest pages ask the database, always within the one event: duplicates and households for a save, and the
/// event's sides, tags and phone country for the forms.
/// </summary>
public static class GuestQueries
{
    public sealed record Duplicate(string Field, Guid GuestId, string Name);

    /// <summary>Another guest of the event with the same phone or email (emails compare case-insensitively: citext).</summary>
    public static async Task<Duplicate?> FindDuplicateAsync(AppDbContext db, Guid eventId, GuestInput input, Guid? exceptGuestId = null)
    {
        if (input.Phone is null && input.Email is null) return null;
        var match = await db.Guests.AsNoTracking()
            .Where(g => g.EventId == eventId && g.Id != exceptGuestId
                && ((input.Phone != null && g.Phone == input.Phone) || (input.Email != null && g.Email == input.Email)))
            .Select(g => new { g.Id, g.FirstName, g.LastName, g.Phone })
            .FirstOrDefaultAsync();
        if (match is null) return null;
        return new Duplicate(match.Phone == input.Phone && input.Phone is not null ? nameof(GuestInput.Phone) : nameof(GuestInput.Email), match.Id,
            Guest.NameOf(match.FirstName, match.LastName));
    }

    public static string DuplicateMessage(Duplicate d) =>
        d.Field == nameof(GuestInput.Phone) ? $"{d.Name} already has this phone number." : $"{d.Name} already has this email address.";

    /// <summary>
    /// Sets input.HouseholdId from the household's name (the guest's own household when it has that name, else the
    /// event's household of that name, else a new one) or, with no name, from an id, which must be this event's.
    /// False if that id is not valid.
    /// </summary>
    public static async Task<bool> ResolveHouseholdAsync(AppDbContext db, Guid eventId, GuestInput input, Guid? currentHousehold, DateTime now)
    {
        if (input.Household is { } name)
        {
            var named = db.Households.Where(h => h.EventId == eventId && h.Name.ToLower() == name.ToLower());
            var existing = await named.OrderBy(h => h.Id != currentHousehold).ThenBy(h => h.CreatedAt)
                .Select(h => (Guid?)h.Id).FirstOrDefaultAsync();
            if (existing is null)
            {
                var household = new Household { Id = Guid.NewGuid(), EventId = eventId, Name = name, CreatedAt = now };
                db.Households.Add(household);
                existing = household.Id;
            }
            input.HouseholdId = existing;
            return true;
        }
        return input.HouseholdId is not { } id || await db.Households.AnyAsync(h => h.Id == id && h.EventId == eventId);
    }

    /// <summary>
    /// A household's invitation goes to its members who have a phone or an email, and its link answers for everyone in
    /// it. So a guest needs contact details of their own unless someone else in their household has some, and the
    /// last reachable member of a household keeps theirs (and stays in it) while others rely on them.
    /// Runs after <see cref="ResolveHouseholdAsync"/>; <paramref name="guest"/> is the guest as saved, or null for a new one.
    /// </summary>
    public static async Task<(string Field, string Message)?> ReachProblemAsync(AppDbContext db, Guid eventId, GuestInput input, Guest? guest)
    {
        var guestId = guest?.Id;
        if (guest is { HouseholdId: { } left } && (guest.Phone is not null || guest.Email is not null) && (!input.HasContact || input.HouseholdId != left))
        {
            var others = db.Guests.Where(g => g.EventId == eventId && g.HouseholdId == left && g.Id != guest.Id);
            if (await others.AnyAsync(g => g.Phone == null && g.Email == null) && !await others.AnyAsync(g => g.Phone != null || g.Email != null))
                return (input.HasContact ? nameof(GuestInput.Household) : nameof(GuestInput.Phone),
                    $"{guest.FirstName} is the only one in {await HouseholdNameAsync(db, left)} with a phone number or email, and the household's invitation reaches the others through them. Keep one, or add one to another member first.");
        }
        if (!input.HasContact)
        {
            if (input.HouseholdId is not { } householdId) return (nameof(GuestInput.Phone), GuestInput.NoContact);
            if (!await db.Guests.AnyAsync(g => g.EventId == eventId && g.HouseholdId == householdId && g.Id != guestId && (g.Phone != null || g.Email != null)))
                return (nameof(GuestInput.Phone), GuestInput.NoContactInHousehold(await HouseholdNameAsync(db, householdId)));
        }
        return null;
    }

    /// <summary>The household's name; FindAsync also sees a household this save is about to create.</summary>
    public static async Task<string> HouseholdNameAsync(AppDbContext db, Guid householdId) => (await db.Households.FindAsync(householdId))?.Name ?? "the household";

    /// <summary>Two people saving the same phone or email at once: the unique index decides, and the loser gets the field message.</summary>
    public static string? UniqueViolationField(DbUpdateException ex) =>
        (ex.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation } pg
            ? pg.ConstraintName switch
            {
                "ix_guests_event_id_phone" => nameof(GuestInput.Phone),
                "ix_guests_event_id_email" => nameof(GuestInput.Email),
                _ => null,
            }
            : null;

    /// <summary>The country whose numbering plan reads phone numbers typed without a country code.</summary>
    public static Task<string> DefaultCountryAsync(AppDbContext db, Guid eventId) =>
        db.Events.Where(e => e.Id == eventId).Select(e => e.DefaultCountry).SingleAsync();

    public static async Task<List<string>> SidesAsync(AppDbContext db, Guid eventId) =>
        await db.Guests.Where(g => g.EventId == eventId && g.Side != null).Select(g => g.Side!).Distinct().OrderBy(s => s).ToListAsync();

    public static async Task<List<string>> TagsAsync(AppDbContext db, Guid eventId) =>
        await db.Database.SqlQuery<string>($"SELECT DISTINCT unnest(tags) AS \"Value\" FROM guests WHERE event_id = {eventId} ORDER BY 1").ToListAsync();

    /// <summary>The households whose name contains the text (any for none), in name order, at most <paramref name="limit"/>.</summary>
    public static async Task<List<HouseholdOption>> HouseholdsAsync(AppDbContext db, Guid eventId, string? containing, int limit)
    {
        var households = db.Households.Where(h => h.EventId == eventId);
        if (!string.IsNullOrWhiteSpace(containing))
            households = households.Where(h => EF.Functions.ILike(h.Name, "%" + GuestFilter.EscapeLike(containing.Trim()) + "%", "\\"));
        return await households.OrderBy(h => h.Name).Take(limit).Select(h => new HouseholdOption(h.Id, h.Name, h.Members.Count)).ToListAsync();
    }

    public sealed record HouseholdOption(Guid Id, string Name, int Members);
}
