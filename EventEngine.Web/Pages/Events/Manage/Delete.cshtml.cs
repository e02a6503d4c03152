using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>Deleting takes the event's name typed back, so a slip of the finger cannot remove a whole guest list.</summary>
[RequireEventPermission(EventPermission.DeleteEvent)]
public class DeleteModel(AppDbContext db, CurrentEvent current) : PageModel
{
    public string EventName { get; private set; } = "";
    public int GuestCount { get; private set; }

    [BindProperty]
    [Display(Name = "Type the event's name to confirm")]
    [StringLength(Event.NameMaxLength + 50)]
    public string? ConfirmName { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!string.Equals(ConfirmName?.Trim(), EventName, StringComparison.Ordinal))
            ModelState.AddModelError(nameof(ConfirmName), "That doesn't match the event's name, so nothing was deleted.");
        if (!ModelState.IsValid) return Page();

        await db.Events.Where(e => e.Id == current.EventId).ExecuteDeleteAsync();
        return this.RedirectWithToast(Url.Page("/Events/Index")!, $"“{EventName}” was deleted.");
    }

    private async Task LoadAsync()
    {
        EventName = await db.Events.Where(e => e.Id == current.EventId).Select(e => e.Name).SingleAsync();
        GuestCount = await db.Guests.CountAsync(g => g.EventId == current.EventId);
    }
}
