using System.Security.Claims;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Pages.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Events;

public class CreateModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    public EventForm Form => new(Input, "Create event", Url.Page("/Events/Index")!);

    /// <summary>Invitations come from the person creating the event until they say otherwise.</summary>
    public void OnGet()
    {
        Input.HostNames = User.FindFirstValue(DisplayNameClaims.ClaimType);
        Input.ReplyTo = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return this.PartialOrPage("_EventForm", Form);

        var now = clock.GetUtcNow().UtcDateTime;
        var userId = User.GetUserId();
        var created = new Event { Id = Guid.NewGuid(), CreatedById = userId, CreatedAt = now };
        Input.ApplyTo(created, now);
        created.Members.Add(new EventMember { UserId = userId, Role = EventRole.Admin, JoinedAt = now });
        db.Events.Add(created);
        var name = User.FindFirstValue(DisplayNameClaims.ClaimType) ?? User.Identity?.Name ?? "";
        ActivityLog.Add(db, created.Id, userId, name, ActivityKind.EventCreated, $"Created the event {created.Name}", null, null, now);
        await db.SaveChangesAsync();

        return this.RedirectWithToast(Url.Page("/Events/Manage/Index", new { eventId = created.Id })!, $"“{created.Name}” is ready. You are its Admin.");
    }
}
