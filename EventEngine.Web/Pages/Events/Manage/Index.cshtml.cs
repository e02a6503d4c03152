using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>The event's overview: details and the guest counts at a glance. Every member may see it.</summary>
public class IndexModel(AppDbContext db, CurrentEvent current) : PageModel
{
    public Event Event { get; private set; } = null!;
    public CurrentEvent Current => current;
    public GuestCounts Counts { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        Counts = await db.Guests.Where(g => g.EventId == current.EventId)
            .GroupBy(_ => 1)
            .Select(g => new GuestCounts(
                g.Count(),
                g.Sum(x => 1 + x.PlusOneNames.Count),
                g.Count(x => x.Status == GuestStatus.Confirmed),
                g.Count(x => x.Status == GuestStatus.Declined)))
            .SingleOrDefaultAsync() ?? new GuestCounts(0, 0, 0, 0);
    }

    public sealed record GuestCounts(int Guests, int Headcount, int Confirmed, int Declined)
    {
        public int Waiting => Guests - Confirmed - Declined;
        public string ConfirmationRate => Guests == 0 ? "–" : $"{100 * Confirmed / Guests}%";
    }
}
