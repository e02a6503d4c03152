using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Organisations.Manage.Events;

/// <summary>
/// A new public event of the organisation, as a draft. Its creator becomes its Admin (an Editor of the organisation
/// reaches its events as an Editor, and the creator has to be able to edit and submit this one).
/// </summary>
[RequireOrganisationPermission(OrganisationPermission.CreateEvents)]
public class NewModel(AppDbContext db, CurrentOrganisation current, Series series, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PublicEventInput Input { get; set; } = new();

    public string OrganisationName { get; private set; } = "";

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.CityId = await db.Organisations.Where(o => o.Id == current.OrganisationId).Select(o => o.HomeCityId).SingleAsync();
        if (Input.CityId is { } cityId)
            Input.Currency = Prices.Currency(await db.Cities.Where(c => c.Id == cityId).Select(c => c.Country).SingleAsync());
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var (city, image) = await PublicEventForm.CheckAsync(db, Input, ModelState, now);
        if (!ModelState.IsValid) return Page();

        var created = new Event
        {
            Id = Guid.NewGuid(),
            Visibility = EventVisibility.Public,
            Status = EventStatus.Draft,
            OrganisationId = current.OrganisationId,
            CreatedById = current.UserId,
            CreatedAt = now,
        };
        Input.ApplyTo(created, city!, now);
        (created.ImageId, _) = ImageUpload.Replace(db, null, image, remove: false);
        created.Members.Add(new EventMember { UserId = current.UserId, Role = EventRole.Admin, JoinedAt = now });
        db.Events.Add(created);
        ActivityLog.Add(db, created.Id, current.UserId, current.UserName, ActivityKind.EventCreated,
            $"Created the public event {created.Name} for {OrganisationName}, as a draft", null, null, now);
        await db.SaveChangesAsync();
        if (created.IsSeries) await series.PlanAsync(created.Id, HttpContext.RequestAborted);
        return this.RedirectWithToast(Url.Page("/Events/Manage/Index", new { eventId = created.Id })!,
            $"“{created.Name}” is saved as a draft. Send it for review when it's ready.");
    }

    private async Task LoadAsync()
    {
        await PublicEventForm.LoadAsync(db, ViewData);
        OrganisationName = await db.Organisations.Where(o => o.Id == current.OrganisationId).Select(o => o.Name).SingleAsync();
    }
}
