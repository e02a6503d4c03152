using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>Adds a household (one RSVP link answers for all of them) and its members in one step.</summary>
[RequireEventPermission(EventPermission.EditGuests)]
public class HouseholdModel(AppDbContext db, CurrentEvent current, ActivityLog log, TimeProvider clock) : PageModel
{
    public const int MaxMembers = 12;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Side { get; set; }
    [BindProperty] public string? TableName { get; set; }
    [BindProperty] public List<GuestInput> Members { get; set; } = [];

    public List<string> Sides { get; private set; } = [];
    public Guid EventId => current.EventId;

    public async Task OnGetAsync()
    {
        Members = [.. Enumerable.Range(0, 4).Select(_ => new GuestInput())];
        Sides = await GuestQueries.SidesAsync(db, current.EventId);
    }

    /// <summary>One more empty member row, numbered after the last (htmx appends it).</summary>
    public IActionResult OnGetMember(int index) =>
        index is < 0 or >= MaxMembers ? BadRequest() : Partial("_HouseholdMember", (index, new GuestInput()));

    public async Task<IActionResult> OnPostAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var country = await GuestQueries.DefaultCountryAsync(db, current.EventId);
        Name = PlainText.Tidy(Name);
        if (Name is null) ModelState.AddModelError(nameof(Name), "Name the household, e.g. The Okafor family.");
        else if (Name.Length > Household.NameMaxLength) ModelState.AddModelError(nameof(Name), $"Keep the name under {Household.NameMaxLength} characters.");

        var filled = Members.Select((m, i) => (Member: m, Index: i)).Where(x => !IsBlank(x.Member)).Take(MaxMembers).ToList();
        if (filled.Count == 0) ModelState.AddModelError("Members", "Add at least one person.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (member, i) in filled)
        {
            member.Side = Side;
            member.TableName = TableName;
            foreach (var (field, message) in member.Validate(country)) ModelState.AddModelError($"Members[{i}].{field}", message);
            foreach (var (field, value) in new[] { (nameof(GuestInput.Phone), member.Phone), (nameof(GuestInput.Email), member.Email) })
                if (value is not null && !seen.Add(value)) ModelState.AddModelError($"Members[{i}].{field}", "Two people here have the same " + (field == "Phone" ? "phone number." : "email address."));
            if (ModelState.IsValid && await GuestQueries.FindDuplicateAsync(db, current.EventId, member) is { } dup)
                ModelState.AddModelError($"Members[{i}].{dup.Field}", GuestQueries.DuplicateMessage(dup));
        }
        // The household's invitation goes to those with contact details; its link answers for everyone.
        if (filled.Count > 0 && !filled.Any(x => x.Member.HasContact))
            ModelState.AddModelError($"Members[{filled[0].Index}].Phone", "Add a phone number or an email address for at least one person, so the household's invitation can reach them.");
        if (!ModelState.IsValid)
        {
            Sides = await GuestQueries.SidesAsync(db, current.EventId);
            return this.PartialOrPage("_HouseholdForm", this);
        }

        var household = new Household { Id = Guid.NewGuid(), EventId = current.EventId, Name = Name!, CreatedAt = now };
        db.Households.Add(household);
        foreach (var (member, position) in filled.Select((x, i) => (x.Member, i)))
        {
            // A microsecond apart, so the household keeps the order it was typed in (greetings, lists).
            var added = now.AddMicroseconds(position);
            var guest = new Guest { Id = Guid.NewGuid(), EventId = current.EventId, AddedById = current.UserId, CreatedAt = added, UpdatedAt = added };
            member.HouseholdId = household.Id;
            member.ApplyTo(guest);
            db.Guests.Add(guest);
            log.Add(ActivityKind.GuestAdded, $"Added guest {guest.DisplayName} to the household {household.Name}", null, guest.Id);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (GuestQueries.UniqueViolationField(ex) is not null)
        {
            ModelState.AddModelError("Members", "Someone just added one of these people. Check the guest list and try again.");
            Sides = await GuestQueries.SidesAsync(db, current.EventId);
            return this.PartialOrPage("_HouseholdForm", this);
        }
        return this.RedirectWithToast(Url.Page("/Events/Manage/Guests/Index", new { eventId = current.EventId, household = household.Id })!, $"{household.Name} added with {Plural.Of(filled.Count, "person", "people")}.");
    }

    private static bool IsBlank(GuestInput m) =>
        string.IsNullOrWhiteSpace(m.FirstName) && string.IsNullOrWhiteSpace(m.LastName) && string.IsNullOrWhiteSpace(m.Phone) && string.IsNullOrWhiteSpace(m.Email)
        && string.IsNullOrWhiteSpace(m.DietaryNeeds) && m.PlusOnesAllowed == 0 && !m.IsChild;
}
