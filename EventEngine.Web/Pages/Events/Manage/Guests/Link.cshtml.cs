using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Links;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>A guest's RSVP link for hosts to copy and share themselves, and revoking it.</summary>
[RequireEventPermission(EventPermission.EditGuests)]
public class LinkModel(AppDbContext db, CurrentEvent current, ActivityLog log, RsvpLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid GuestId { get; set; }

    public GuestRsvp Rsvp { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ExistsAsync()) return NotFound();
        await LoadAsync();
        return Page();
    }

    /// <summary>Makes the link if there is none yet (the row's "Copy link", or the guest page's "Make the link").</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ExistsAsync()) return NotFound();
        await links.TokenForGuestAsync(current.EventId, GuestId);
        await LoadAsync();
        return this.PartialOrPage("_RsvpLinkBox", Rsvp);
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        if (!await ExistsAsync()) return NotFound();
        await links.RevokeAsync(current.EventId, GuestId, log);
        await links.TokenForGuestAsync(current.EventId, GuestId);
        await LoadAsync();
        if (Request.IsHtmx()) Response.TriggerClientEvents("The old link no longer works. Share the new one.");
        return this.PartialOrPage("_RsvpLinkBox", Rsvp);
    }

    private Task<bool> ExistsAsync() => db.Guests.AnyAsync(g => g.Id == GuestId && g.EventId == current.EventId);

    private async Task LoadAsync()
    {
        var zone = await db.Events.Where(e => e.Id == current.EventId).Select(e => e.TimeZoneId).SingleAsync();
        Rsvp = await GuestRsvp.LoadAsync(db, links, current.EventId, GuestId, zone);
    }
}
