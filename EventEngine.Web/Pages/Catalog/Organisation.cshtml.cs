using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using EventEngine.Web.Messaging;

namespace EventEngine.Web.Pages.Catalog;

/// <summary>An organisation's public page, /orgs/{slug}: who they are and their upcoming published events.</summary>
public class OrganisationModel(AppDbContext db, TimeProvider clock, IOptions<AppOptions> app) : PageModel
{
    public string BaseUrl => app.Value.BaseUrl.TrimEnd('/');
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<Event> Upcoming { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.HomeCity).SingleOrDefaultAsync(o => o.Slug == slug);
        if (organisation is null) return NotFound();
        Organisation = organisation;
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = await db.Events.AsNoTracking().Include(e => e.City)
            .Where(e => e.OrganisationId == organisation.Id && e.Visibility == EventVisibility.Public
                && (e.Status == EventStatus.Published || e.Status == EventStatus.Cancelled) && (e.EndsAt ?? e.StartsAt) >= now)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(50).ToListAsync();
        return Page();
    }
}
