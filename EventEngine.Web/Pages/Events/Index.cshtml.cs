using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events;

public class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<EventRow> Events { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = User.GetUserId();
        Events = await db.EventMembers
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Event.StartsAt).ThenBy(m => m.Event.Name)
            .Select(m => new EventRow(
                m.EventId, m.Event.Name, m.Event.StartsAt, m.Event.TimeZoneId, m.Event.Venue, m.Role,
                m.Event.Guests.Count(),
                m.Event.Guests.Count(g => g.Status == GuestStatus.Confirmed)))
            .ToListAsync();
    }

    public sealed record EventRow(Guid Id, string Name, DateTime StartsAt, string TimeZoneId, string? Venue, EventRole Role, int GuestCount, int ConfirmedCount)
    {
        public string When => EventTime.Format(StartsAt, TimeZoneId);
    }
}
