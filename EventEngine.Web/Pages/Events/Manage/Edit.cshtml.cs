using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

[RequireEventPermission(EventPermission.EditEvent)]
public class EditModel(AppDbContext db, CurrentEvent current, ActivityLog log, TimeProvider clock) : PageModel
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    public string EventName { get; private set; } = "";
    public CurrentEvent Current => current;
    public EventForm Form => new(Input, "Save changes", Url.Page("/Events/Manage/Index", new { eventId = current.EventId })!);

    public async Task<IActionResult> OnGetAsync()
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == current.EventId);
        if (e.Visibility == EventVisibility.Public) return RedirectToPage("/Events/Manage/EditPublic", new { eventId = e.Id });
        EventName = e.Name;
        Input = EventInput.From(e);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var e = await db.Events.SingleAsync(x => x.Id == current.EventId);
        EventName = e.Name;
        if (!ModelState.IsValid) return this.PartialOrPage("_EventForm", Form);

        var before = EventInput.Snapshot(e);
        Input.ApplyTo(e, clock.GetUtcNow().UtcDateTime);
        if (ActivityLog.Changes(before, EventInput.Snapshot(e)) is { } changes)
            log.Add(ActivityKind.EventEdited, "Edited the event details", changes);
        await db.SaveChangesAsync();
        return this.RedirectWithToast(Url.Page("/Events/Manage/Index", new { eventId = e.Id })!, "Event details saved.");
    }
}
