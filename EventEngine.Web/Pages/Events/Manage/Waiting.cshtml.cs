using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Registrations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>
/// A public event's waiting list (for a series, each date's), first come first served, with offers out; the organiser
/// can give someone a place by hand when one is free (<see cref="Capacity.PromoteAsync"/>).
/// </summary>
[RequireEventPermission(EventPermission.ViewEvent)]
public class WaitingModel(AppDbContext db, CurrentEvent current, Capacity capacity, ActivityLog log, TimeProvider clock) : PageModel
{
    public sealed record Row(Registration Registration, DateTime? Date);

    public Event Event { get; private set; } = null!;
    public CurrentEvent Current => current;
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        var now = clock.GetUtcNow().UtcDateTime;
        // For a series, the dates still to come; by date, then in the order people joined.
        var waiting = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == Event.Id && (r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Offered))
            .Select(r => new { Registration = r, Date = db.Occurrences.Where(o => o.Id == r.OccurrenceId).Select(o => (DateTime?)o.StartsAt).FirstOrDefault() })
            .Where(x => x.Date == null || x.Date > now)
            .OrderBy(x => x.Date).ThenBy(x => x.Registration.CreatedAt).ThenBy(x => x.Registration.Id)
            .Take(500).ToListAsync();
        Rows = waiting.Select(x => new Row(x.Registration, x.Date)).ToList();
    }

    [RequireEventPermission(EventPermission.EditGuests)]
    public async Task<IActionResult> OnPostPromoteAsync(Guid registrationId)
    {
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == registrationId && r.EventId == current.EventId);
        if (registration is null) return NotFound();
        var back = Url.Page("/Events/Manage/Waiting", new { eventId = current.EventId })!;
        if (!await capacity.PromoteAsync(registration.Id, HttpContext.RequestAborted))
            return this.RedirectWithToast(back, $"No place is free for {registration.Name} (or they are no longer waiting). Add places first.", ToastKind.Error);
        log.Add(ActivityKind.GuestEdited, $"Gave {registration.Name} a place from the waiting list", null, registration.GuestId);
        await db.SaveChangesAsync();
        return this.RedirectWithToast(back, $"{registration.Name} has a place now, and an email saying so.");
    }
}
