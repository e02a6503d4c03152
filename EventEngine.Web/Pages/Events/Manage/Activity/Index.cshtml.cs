using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Activity;

/// <summary>The event's activity log, newest first: filter by person, kind and dates (in the event's time zone), 50 to a page.</summary>
[RequireEventPermission(EventPermission.ViewActivity)]
public class IndexModel(AppDbContext db, CurrentEvent current) : PageModel
{
    public const int PageSize = 50;
    /// <summary>The "person" filter's value for guests answering through their RSVP links.</summary>
    public const string Guests = "guests";

    [BindProperty(SupportsGet = true, Name = "who")] public string? Who { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public ActivityArea? Area { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public string EventName { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "";
    public List<(string Value, string Name)> People { get; private set; } = [];
    public List<EventActivity> Entries { get; private set; } = [];
    public HashSet<Guid> LiveGuests { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>What was typed into a filter that could not be read, shown back in its field with the message.</summary>
    public Dictionary<string, string?> Typed { get; } = [];
    public bool HasOlder => PageNumber * PageSize < Total;
    public bool Filtered => Who is not null || Area is not null || From is not null || To is not null;
    public Guid EventId => current.EventId;
    public string BasePath => Url.Page("/Events/Manage/Activity/Index", new { eventId = current.EventId })!;

    public async Task OnGetAsync()
    {
        var e = await db.Events.AsNoTracking().Where(x => x.Id == current.EventId).Select(x => new { x.Name, x.TimeZoneId }).SingleAsync();
        EventName = e.Name;
        TimeZoneId = e.TimeZoneId;
        foreach (var (key, message) in new[] { ("from", "Enter a date like 2026-11-21."), ("to", "Enter a date like 2026-11-21."), ("kind", "Choose a kind from the list.") })
        {
            if (ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid) continue;
            Typed[key] = ModelState[key]?.AttemptedValue;
            ModelState.Remove(key);
            ModelState.AddModelError(key, message);
        }
        if (From is not null && To is not null && To < From)
            ModelState.AddModelError("to", "The end date is before the start date.");
        PageNumber = Math.Max(1, PageNumber);

        // Every change; a guest opening their link changes nothing, so it shows only on that guest's page.
        var entries = db.EventActivities.AsNoTracking().Where(a => a.EventId == current.EventId && a.Kind != ActivityKind.RsvpOpened);
        if (Who == Guests) entries = entries.Where(a => a.ActorUserId == null);
        else if (Guid.TryParse(Who, out var userId)) entries = entries.Where(a => a.ActorUserId == userId);
        if (Area is { } area)
        {
            var kinds = ActivityKinds.In(area);
            entries = entries.Where(a => kinds.Contains(a.Kind));
        }
        if (ModelState.IsValid)
        {
            if (From is { } from) { var since = EventTime.ToUtc(from.ToDateTime(TimeOnly.MinValue), e.TimeZoneId); entries = entries.Where(a => a.CreatedAt >= since); }
            if (To is { } to) { var until = EventTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), e.TimeZoneId); entries = entries.Where(a => a.CreatedAt < until); }
        }

        Total = await entries.CountAsync();
        Entries = await entries.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        var guestIds = Entries.Where(a => a.GuestId != null).Select(a => a.GuestId!.Value).Distinct().ToList();
        LiveGuests = (await db.Guests.Where(g => g.EventId == current.EventId && guestIds.Contains(g.Id)).Select(g => g.Id).ToListAsync()).ToHashSet();
        People = await PeopleAsync();
    }

    /// <summary>Everyone who appears in the log, members first by name, and guests as one choice.</summary>
    private async Task<List<(string Value, string Name)>> PeopleAsync()
    {
        var members = await db.EventMembers.Where(m => m.EventId == current.EventId).Select(m => new { m.UserId, m.User.DisplayName }).ToListAsync();
        var actors = await db.EventActivities.Where(a => a.EventId == current.EventId && a.ActorUserId != null)
            .Select(a => new { UserId = a.ActorUserId!.Value, a.ActorName }).Distinct().ToListAsync();
        var names = actors.GroupBy(a => a.UserId).ToDictionary(g => g.Key, g => g.First().ActorName + " (former member)");
        foreach (var m in members) names[m.UserId] = m.DisplayName;
        return [.. names.OrderBy(n => n.Value, StringComparer.CurrentCultureIgnoreCase).Select(n => (n.Key.ToString(), n.Value)), (Guests, "Guests, through their RSVP links")];
    }

    public string PageUrl(int? page = null)
    {
        var query = new List<string>();
        if (Who is not null) query.Add($"who={Uri.EscapeDataString(Who)}");
        if (Area is not null) query.Add($"kind={Area}");
        if (From is not null) query.Add($"from={From:yyyy-MM-dd}");
        if (To is not null) query.Add($"to={To:yyyy-MM-dd}");
        if ((page ?? PageNumber) > 1) query.Add($"page={page ?? PageNumber}");
        return query.Count == 0 ? BasePath : $"{BasePath}?{string.Join('&', query)}";
    }
}
