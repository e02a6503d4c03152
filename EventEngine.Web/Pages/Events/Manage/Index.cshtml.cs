using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Pages.Events.Manage.Guests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>The event's overview: the first steps until they are done, the guest counts, the details. Every member may see it.</summary>
public class IndexModel(AppDbContext db, CurrentEvent current) : PageModel
{
    public Event Event { get; private set; } = null!;
    public CurrentEvent Current => current;
    public GuestCounts Counts { get; private set; } = null!;
    public FirstSteps Steps { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        Counts = await GuestCounts.LoadAsync(db, current.EventId);
        Steps = await FirstSteps.LoadAsync(db, Event, Counts.Guests);
    }
}
