using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using EventEngine.Web.Pages.Organisations.Manage.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>A public event's details: what the catalog and its page show. A published event stays published; every
/// change is in the activity log, and moderators see what changed since it was last published when it comes back.</summary>
[RequireEventPermission(EventPermission.EditEvent)]
public class EditPublicModel(AppDbContext db, CurrentEvent current, ActivityLog log, Series series, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PublicEventInput Input { get; set; } = new();

    public string EventName { get; private set; } = "";
    public CurrentEvent Current => current;

    public async Task<IActionResult> OnGetAsync()
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == current.EventId);
        if (e.Visibility != EventVisibility.Public) return RedirectToPage("/Events/Manage/Edit", new { eventId = e.Id });
        EventName = e.Name;
        Input = PublicEventInput.From(e);
        await PublicEventForm.LoadAsync(db, ViewData, e.ImageId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var e = await db.Events.Include(x => x.City).SingleAsync(x => x.Id == current.EventId);
        if (e.Visibility != EventVisibility.Public) return RedirectToPage("/Events/Manage/Edit", new { eventId = e.Id });
        EventName = e.Name;
        var now = clock.GetUtcNow().UtcDateTime;
        var (city, image) = await PublicEventForm.CheckAsync(db, Input, ModelState, now);
        if (e.IsSeries && Input.Repeat == RepeatFrequency.Never
            && await db.Registrations.AnyAsync(r => r.EventId == e.Id && r.OccurrenceId != null && Registration.Standing.Contains(r.Status)))
            ModelState.AddModelError("Input.Repeat", "People are registered for dates of this series, so it keeps repeating. Cancel those dates first.");
        if (!ModelState.IsValid)
        {
            await PublicEventForm.LoadAsync(db, ViewData, e.ImageId);
            return Page();
        }

        var before = PublicEventSnapshot.Of(e, e.City?.Name);
        var wasSeries = e.IsSeries;
        Input.ApplyTo(e, city!, now);
        (e.ImageId, var replaced) = ImageUpload.Replace(db, e.ImageId, image, Input.RemoveImage);
        if (ActivityLog.Changes(before, PublicEventSnapshot.Of(e, city!.Name)) is { } changes)
            log.Add(ActivityKind.EventEdited, "Edited the public details", changes);
        await db.SaveChangesAsync();
        await ImageUpload.DeleteAsync(db, replaced);
        if (!e.IsSeries && !wasSeries) return this.RedirectWithToast(Url.Page("/Events/Manage/Index", new { eventId = e.Id })!, "Event details saved.");
        // The dates follow the rule; those people registered for stay put, and the dates page says which.
        var kept = await series.PlanAsync(e.Id, HttpContext.RequestAborted);
        return Series.Explain(kept, e.TimeZoneId) is { } explained
            ? this.RedirectWithToast(Url.Page("/Events/Manage/Dates", new { eventId = e.Id })!, "Event details saved. " + explained, ToastKind.Info)
            : this.RedirectWithToast(Url.Page(e.IsSeries ? "/Events/Manage/Dates" : "/Events/Manage/Index", new { eventId = e.Id })!, "Event details saved.");
    }
}
