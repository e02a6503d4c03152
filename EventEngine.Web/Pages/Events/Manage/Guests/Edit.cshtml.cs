using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Links;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// One guest: the full form (the no-JavaScript path and every field), the inline row editor of the guest table
/// (handler "row"; "display" is its cancel), and delete. The guest is always looked up through the route's event.
/// </summary>
[RequireEventPermission(EventPermission.EditGuests)]
public class EditModel(AppDbContext db, CurrentEvent current, ActivityLog log, RsvpLinks links, TimeProvider clock) : PageModel
{
    /// <summary>The columns the inline row edits; the rest of the guest is left as it is.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<GuestInput, object?>>[] RowFields =
    [
        x => x.FirstName, x => x.LastName, x => x.Phone, x => x.Email, x => x.Side, x => x.Status, x => x.PlusOnesComing, x => x.TableName, x => x.Tags,
    ];

    [FromRoute]
    public Guid GuestId { get; set; }

    [BindProperty]
    public GuestInput Input { get; set; } = new();

    public GuestFormView Form { get; private set; } = null!;
    public GuestQueries.Duplicate? Duplicate { get; private set; }
    public GuestConversation? Conversation { get; private set; }
    public GuestRsvp? Rsvp { get; private set; }
    public Guid EventId => current.EventId;
    public string EditUrl => Url.Page("/Events/Manage/Guests/Edit", new { eventId = current.EventId, guestId = GuestId })!;
    private string GuestsUrl => Url.Page("/Events/Manage/Guests/Index", new { eventId = current.EventId })!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindAsync() is not { } guest) return NotFound();
        Form = await GuestForms.ViewAsync(db, current.EventId, GuestId, GuestInput.From(guest), null);
        var zone = await db.Events.Where(e => e.Id == current.EventId).Select(e => e.TimeZoneId).SingleAsync();
        Conversation = await GuestConversation.LoadAsync(db, current.EventId, GuestId, zone, current.Can(EventPermission.SendMessages));
        Rsvp = await GuestRsvp.LoadAsync(db, links, current.EventId, GuestId, zone);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindAsync() is not { } guest) return NotFound();
        var (saved, duplicate) = await GuestForms.SaveAsync(this, db, current, log, Input, guest, Now);
        if (saved is null)
        {
            Form = await GuestForms.ViewAsync(db, current.EventId, GuestId, Input, duplicate);
            return this.PartialOrPage("_GuestForm", Form);
        }
        return this.RedirectWithToast(GuestsUrl, $"{saved.DisplayName} saved.");
    }

    public async Task<IActionResult> OnGetRowAsync()
    {
        if (await FindAsync() is not { } guest) return NotFound();
        Input = GuestInput.From(guest);
        return EditRow(guest);
    }

    public async Task<IActionResult> OnPostRowAsync()
    {
        if (await FindAsync() is not { } guest) return NotFound();
        ModelState.Clear();
        Input = GuestInput.From(guest);
        await TryUpdateModelAsync(Input, nameof(Input), RowFields);
        if (!ModelState.IsValid) return EditRow(guest);
        var (saved, duplicate) = await GuestForms.SaveAsync(this, db, current, log, Input, guest, Now);
        if (saved is null)
        {
            Duplicate = duplicate;
            return EditRow(guest);
        }
        Response.TriggerClientEvents($"{saved.DisplayName} saved.", ToastKind.Success, "counts-changed");
        return await DisplayRowAsync(saved.Id);
    }

    public async Task<IActionResult> OnGetDisplayAsync() =>
        await FindAsync() is null ? NotFound() : await DisplayRowAsync(GuestId);

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (await FindAsync() is not { } guest) return NotFound();
        db.Guests.Remove(guest);
        log.Add(ActivityKind.GuestDeleted, $"Deleted guest {guest.DisplayName}", GuestChanges.Describe(guest));
        await db.SaveChangesAsync();
        var message = $"{guest.DisplayName} deleted.";
        if (!Request.IsHtmx()) return this.RedirectWithToast(GuestsUrl, message);
        Response.TriggerClientEvents(message, ToastKind.Success, "guests-changed");
        return Content("", "text/html");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<Guest?> FindAsync() =>
        db.Guests.Include(g => g.Household).SingleOrDefaultAsync(g => g.Id == GuestId && g.EventId == current.EventId);

    private IActionResult EditRow(Guest guest)
    {
        ViewData["PlusOnesAllowed"] = guest.PlusOnesAllowed;
        return Partial("_GuestEditRow", this);
    }

    private async Task<IActionResult> DisplayRowAsync(Guid guestId)
    {
        var guest = await db.Guests.AsNoTracking().Include(g => g.Household).Include(g => g.Attendances).SingleAsync(g => g.Id == guestId);
        var message = (await GuestRowView.LastMessagesAsync(db, current.EventId, [guestId])).GetValueOrDefault(guestId);
        var registration = guest.Registration is null ? null : (await GuestRowView.RegistrationsAsync(db, current.EventId, [guestId])).GetValueOrDefault(guestId);
        return Partial("_GuestRow", new GuestRowView(guest, current.EventId, CanEdit: true, message, registration));
    }
}
