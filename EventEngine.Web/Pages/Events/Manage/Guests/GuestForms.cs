using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Phones;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>Saving a guest from any form (add, full edit, inline row): validate, check duplicates and household, save.</summary>
public static class GuestForms
{
    public static async Task<GuestFormView> ViewAsync(AppDbContext db, Guid eventId, Guid? guestId, GuestInput input, GuestQueries.Duplicate? duplicate) =>
        new(eventId, guestId, input,
            await GuestQueries.SidesAsync(db, eventId),
            duplicate,
            Telephone.Example(await GuestQueries.DefaultCountryAsync(db, eventId)));

    /// <summary>
    /// Saves the input onto <paramref name="guest"/> (or a new guest). Returns the saved guest, or null with the
    /// problems in ModelState under "Input.{field}" and the duplicate guest if that was one of them.
    /// </summary>
    public static async Task<(Guest? Guest, GuestQueries.Duplicate? Duplicate)> SaveAsync(
        PageModel page, AppDbContext db, CurrentEvent current, ActivityLog log, GuestInput input, Guest? guest, DateTime now)
    {
        var country = await GuestQueries.DefaultCountryAsync(db, current.EventId);
        var errors = input.Validate(country);
        if (errors.Count == 0 && !await GuestQueries.ResolveHouseholdAsync(db, current.EventId, input, guest?.HouseholdId, now))
            errors.Add((nameof(GuestInput.Household), "That household is not part of this event."));
        if (errors.Count == 0 && await GuestQueries.ReachProblemAsync(db, current.EventId, input, guest) is { } unreachable)
            errors.Add(unreachable);
        var duplicate = errors.Count == 0 ? await GuestQueries.FindDuplicateAsync(db, current.EventId, input, guest?.Id) : null;
        if (duplicate is not null) errors.Add((duplicate.Field, GuestQueries.DuplicateMessage(duplicate)));
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors) page.ModelState.AddModelError($"Input.{field}", message);
            return (null, duplicate);
        }

        var before = guest is null ? null : GuestChanges.Snapshot(guest, await HouseholdNameAsync(db, guest.HouseholdId));
        if (guest is null)
        {
            guest = new Guest { Id = Guid.NewGuid(), EventId = current.EventId, AddedById = current.UserId, CreatedAt = now };
            db.Guests.Add(guest);
        }
        input.ApplyTo(guest);
        guest.UpdatedAt = now;
        if (before is null)
            log.Add(ActivityKind.GuestAdded, $"Added guest {guest.DisplayName}", null, guest.Id);
        else if (ActivityLog.Changes(before, GuestChanges.Snapshot(guest, await HouseholdNameAsync(db, guest.HouseholdId))) is { } changes)
            log.Add(ActivityKind.GuestEdited, $"Edited guest {guest.DisplayName}", changes, guest.Id);
        try
        {
            await db.SaveChangesAsync();
            return (guest, null);
        }
        catch (DbUpdateException ex) when (GuestQueries.UniqueViolationField(ex) is { } field)
        {
            page.ModelState.AddModelError($"Input.{field}", field == nameof(GuestInput.Phone)
                ? "Someone just added a guest with this phone number." : "Someone just added a guest with this email address.");
            return (null, null);
        }
    }

    private static async Task<string?> HouseholdNameAsync(AppDbContext db, Guid? householdId) =>
        householdId is { } id ? await GuestQueries.HouseholdNameAsync(db, id) : null;
}
