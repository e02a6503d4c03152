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

    /// <summary>Sets input.HouseholdId from a chosen household (which must be this event's) or a household name. False if the choice is not valid.</summary>
    public static async Task<bool> ResolveHouseholdAsync(AppDbContext db, Guid eventId, GuestInput input, DateTime now)
    {
        if (input.NewHousehold is { } name)
        {
            var existing = await db.Households.Where(h => h.EventId == eventId && h.Name.ToLower() == name.ToLower())
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

    public static async Task<List<HouseholdOption>> HouseholdsAsync(AppDbContext db, Guid eventId) =>
        await db.Households.Where(h => h.EventId == eventId).OrderBy(h => h.Name)
            .Select(h => new HouseholdOption(h.Id, h.Name, h.Members.Count)).ToListAsync();

    public sealed record HouseholdOption(Guid Id, string Name, int Members);
}
