using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Registrations;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events;

public class IndexModel(AppDbContext db, Capacity capacity, TimeProvider clock) : PageModel
{
    public IReadOnlyList<EventRow> Events { get; private set; } = [];
    /// <summary>The public events the person registered for (that still stand), upcoming first, then the past ones.</summary>
    public IReadOnlyList<RegistrationRow> Registrations { get; private set; } = [];

    public sealed record RegistrationRow(string EventName, DateTime StartsAt, string TimeZoneId, RegistrationStatus Status, int Places, string Path, bool Past)
    {
        public string When => EventTime.Format(StartsAt, TimeZoneId);
    }
    public IReadOnlyList<OrganisationRow> Organisations { get; private set; } = [];

    public sealed record OrganisationRow(Guid Id, string Name, OrganisationRole Role, int Events);

    public async Task OnGetAsync()
    {
        var userId = User.GetUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        Organisations = await db.OrganisationMembers.Where(m => m.UserId == userId && (m.ExpiresAt == null || m.ExpiresAt > now))
            .OrderBy(m => m.Organisation.Name)
            .Select(m => new OrganisationRow(m.OrganisationId, m.Organisation.Name, m.Role, db.Events.Count(e => e.OrganisationId == m.OrganisationId)))
            .ToListAsync();
        // Row-level security lets a person read their own registrations (migration 0022).
        Registrations = (await db.Registrations.Where(r => r.UserId == userId && Registration.Standing.Contains(r.Status))
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new
            {
                Registration = r,
                e.Name,
                // A registration for a date of a series is at that date.
                StartsAt = r.OccurrenceId == null ? e.StartsAt : db.Occurrences.Where(o => o.Id == r.OccurrenceId).Select(o => o.StartsAt).Single(),
                EndsAt = r.OccurrenceId == null ? e.EndsAt : db.Occurrences.Where(o => o.Id == r.OccurrenceId).Select(o => o.EndsAt).Single(),
                e.TimeZoneId,
            })
            .OrderByDescending(x => x.StartsAt).Take(100).ToListAsync())
            .Select(x => new RegistrationRow(x.Name, x.StartsAt, x.TimeZoneId, x.Registration.Status, x.Registration.Places,
                "/registrations/" + capacity.Token(x.Registration), (x.EndsAt ?? x.StartsAt) <= now))
            .OrderBy(x => x.Past).ThenBy(x => x.Past ? -x.StartsAt.Ticks : x.StartsAt.Ticks)
            .ToList();
        var roles = await EventReach.RolesAsync(db, userId, now);
        var ids = roles.Keys.ToList();
        Events = (await db.Events.Where(e => ids.Contains(e.Id))
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Name)
            .Select(e => new
            {
                e.Id,
                e.Name,
                e.StartsAt,
                e.TimeZoneId,
                e.Venue,
                Guests = e.Guests.Count(),
                Confirmed = e.Guests.Count(g => g.Status == GuestStatus.Confirmed),
            })
            .ToListAsync())
            .Select(e => new EventRow(e.Id, e.Name, e.StartsAt, e.TimeZoneId, e.Venue, roles[e.Id], e.Guests, e.Confirmed))
            .ToList();
    }

    public sealed record EventRow(Guid Id, string Name, DateTime StartsAt, string TimeZoneId, string? Venue, EventRole Role, int GuestCount, int ConfirmedCount)
    {
        public string When => EventTime.Format(StartsAt, TimeZoneId);
    }
}
