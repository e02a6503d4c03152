using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using EventEngine.Web.Registrations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>
/// A series' dates, soonest first: how full each is, and the organiser's changes to one date (move it, set its own
/// places, cancel it). The people registered hear of a move or a cancellation (<see cref="Capacity"/>).
/// </summary>
[RequireEventPermission(EventPermission.ViewEvent)]
public class DatesModel(AppDbContext db, CurrentEvent current, Capacity capacity, ActivityLog log, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    public sealed record Row(Occurrence Occurrence, int Taken, int Waiting, int? Places);

    public Event Event { get; private set; } = null!;
    public CurrentEvent Current => current;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool Past { get; private set; }
    public int Shown { get; private set; }
    public bool More { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool past = false, int shown = PageSize)
    {
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        if (!Event.IsSeries && !await db.Occurrences.AnyAsync(o => o.EventId == Event.Id))
            return RedirectToPage("/Events/Manage/Index", new { eventId = Event.Id });
        (Past, Shown) = (past, Math.Clamp(shown, PageSize, 600));
        var now = clock.GetUtcNow().UtcDateTime;
        var dates = db.Occurrences.AsNoTracking().Where(o => o.EventId == Event.Id);
        dates = past ? dates.Where(o => o.StartsAt <= now).OrderByDescending(o => o.StartsAt) : dates.Where(o => o.StartsAt > now).OrderBy(o => o.StartsAt);
        var occurrences = await dates.Take(Shown + 1).ToListAsync();
        More = occurrences.Count > Shown;
        var ids = occurrences.Take(Shown).Select(o => o.Id).ToList();
        var counts = await db.Registrations.Where(r => r.OccurrenceId != null && ids.Contains(r.OccurrenceId.Value))
            .GroupBy(r => r.OccurrenceId!.Value)
            .Select(g => new
            {
                g.Key,
                Taken = g.Where(r => Registration.Taking.Contains(r.Status)).Sum(r => r.Places),
                Waiting = g.Count(r => r.Status == RegistrationStatus.Waitlisted),
            })
            .ToDictionaryAsync(x => x.Key);
        Rows = occurrences.Take(Shown).Select(o => new Row(o, counts.GetValueOrDefault(o.Id)?.Taken ?? 0, counts.GetValueOrDefault(o.Id)?.Waiting ?? 0,
            o.Capacity ?? Event.Capacity)).ToList();
        return Page();
    }

    [RequireEventPermission(EventPermission.EditEvent)]
    public async Task<IActionResult> OnPostCancelAsync(Guid occurrenceId)
    {
        var (e, o) = await FindAsync(occurrenceId);
        if (o is null) return NotFound();
        if (!await capacity.CancelOccurrenceAsync(e.Id, o.Id, HttpContext.RequestAborted))
            return this.RedirectWithToast(Back, "That date was already cancelled.", ToastKind.Info);
        log.Add(ActivityKind.EventEdited, $"Cancelled the date {EventTime.Format(o.StartsAt, e.TimeZoneId)}", null);
        await db.SaveChangesAsync();
        return this.RedirectWithToast(Back, $"{EventTime.Format(o.StartsAt, e.TimeZoneId)} is cancelled. Everyone registered or waiting is being told.");
    }

    [RequireEventPermission(EventPermission.EditEvent)]
    public async Task<IActionResult> OnPostMoveAsync(Guid occurrenceId, DateTime? startsAt)
    {
        var (e, o) = await FindAsync(occurrenceId);
        if (o is null) return NotFound();
        if (startsAt is not { } local) return this.RedirectWithToast(Back, "Choose the new date and time.", ToastKind.Error);
        var start = EventTime.ToUtc(local, e.TimeZoneId);
        if (start <= clock.GetUtcNow().UtcDateTime) return this.RedirectWithToast(Back, "Choose a time that is still to come.", ToastKind.Error);
        if (!await capacity.MoveOccurrenceAsync(e.Id, o.Id, start, HttpContext.RequestAborted))
            return this.RedirectWithToast(Back, "That date can't be moved: it is cancelled or already over.", ToastKind.Error);
        log.Add(ActivityKind.EventEdited, $"Moved the date {EventTime.Format(o.StartsAt, e.TimeZoneId)} to {EventTime.Format(start, e.TimeZoneId)}", null);
        await db.SaveChangesAsync();
        return this.RedirectWithToast(Back, $"Moved to {EventTime.Format(start, e.TimeZoneId)}. Everyone registered or waiting gets the new time.");
    }

    [RequireEventPermission(EventPermission.EditEvent)]
    public async Task<IActionResult> OnPostPlacesAsync(Guid occurrenceId, string? places)
    {
        var (e, o) = await FindAsync(occurrenceId);
        if (o is null) return NotFound();
        int? limit = null;
        if (!string.IsNullOrWhiteSpace(places))
        {
            if (!int.TryParse(places, out var n) || n < 0 || n > Pages.Organisations.Manage.Events.PublicEventInput.MaxCapacity)
                return this.RedirectWithToast(Back, "Enter a number of places, or leave it blank for the series' number.", ToastKind.Error);
            limit = n;
        }
        if (await capacity.SetOccurrencePlacesAsync(e.Id, o.Id, limit, HttpContext.RequestAborted) is { } problem)
            return this.RedirectWithToast(Back, problem, ToastKind.Error);
        log.Add(ActivityKind.EventEdited, $"Set the places of {EventTime.Format(o.StartsAt, e.TimeZoneId)} to {(limit is { } l ? l.ToString() : "the series' number")}", null);
        await db.SaveChangesAsync();
        return this.RedirectWithToast(Back, "Places saved.");
    }

    private string Back => Url.Page("/Events/Manage/Dates", new { eventId = current.EventId })!;

    private async Task<(Event Event, Occurrence? Occurrence)> FindAsync(Guid occurrenceId)
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == current.EventId);
        return (e, await db.Occurrences.AsNoTracking().SingleOrDefaultAsync(o => o.Id == occurrenceId && o.EventId == e.Id));
    }
}
