using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>Adds one guest. The guest table embeds the form; this page is also its no-JavaScript home.</summary>
[RequireEventPermission(EventPermission.EditGuests)]
public class AddModel(AppDbContext db, CurrentEvent current, ActivityLog log, TimeProvider clock) : PageModel
{
    [BindProperty]
    public GuestInput Input { get; set; } = new();

    public GuestFormView Form { get; private set; } = null!;

    public async Task OnGetAsync() => Form = await GuestForms.ViewAsync(db, current.EventId, null, Input, null);

    public async Task<IActionResult> OnPostAsync()
    {
        var (guest, duplicate) = await GuestForms.SaveAsync(this, db, current, log, Input, null, clock.GetUtcNow().UtcDateTime);
        if (guest is null)
        {
            Form = await GuestForms.ViewAsync(db, current.EventId, null, Input, duplicate);
            return this.PartialOrPage("_GuestForm", Form);
        }

        var message = $"{guest.DisplayName} added.";
        if (!Request.IsHtmx()) return this.RedirectWithToast(Url.Page("/Events/Manage/Guests/Index", new { eventId = current.EventId })!, message);
        // Ready for the next guest: side, status and household carry over, as hosts tend to add a family or a side in a row.
        ModelState.Clear();
        var next = new GuestInput { Side = Input.Side, Status = Input.Status, Household = Input.Household };
        Response.TriggerClientEvents(message, ToastKind.Success, "guests-changed");
        return Partial("_GuestForm", await GuestForms.ViewAsync(db, current.EventId, null, next, null));
    }
}
