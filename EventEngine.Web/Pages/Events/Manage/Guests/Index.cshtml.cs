using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// The guest table. HTMX requests get just the part they target: the results (after a filter, sort or page change,
/// or when something raised guests-changed) or the counts; a history restore or a plain request gets the page.
/// </summary>
public class IndexModel(AppDbContext db, CurrentEvent current) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public GuestFilter Filter { get; set; } = new();

    public Event Event { get; private set; } = null!;
    public CurrentEvent Current => current;
    public GuestCounts Counts { get; private set; } = null!;
    public List<Guest> Guests { get; private set; } = [];
    public Dictionary<Guid, GuestRowView.LastMessage> LastMessages { get; private set; } = [];
    public Dictionary<Guid, GuestRowView.Registered> Registrations { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + GuestFilter.PageSize - 1) / GuestFilter.PageSize);
    public List<string> Sides { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];
    /// <summary>The household the list is filtered to, by name, for the filter's chip.</summary>
    public string? HouseholdName { get; private set; }
    public string BasePath => Url.Page("/Events/Manage/Guests/Index", new { eventId = current.EventId })!;
    public string BulkPath => Url.Page("/Events/Manage/Guests/Bulk", new { eventId = current.EventId })!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Request.IsHtmx(out var htmx) && !htmx!.HistoryRestoreRequest)
        {
            if (htmx.Target == "guest-counts")
                return Partial("_GuestCounts", await GuestCounts.LoadAsync(db, current.EventId));
            await LoadResultsAsync();
            // A filter, sort or page change becomes a history entry with a clean URL; a refresh in place does not.
            if (htmx.Trigger != "guest-results") Response.Htmx(headers => headers.PushUrl(Filter.Url(BasePath)));
            return Partial("_GuestResults", this);
        }
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        Counts = await GuestCounts.LoadAsync(db, current.EventId);
        Sides = await GuestQueries.SidesAsync(db, current.EventId);
        Tags = await GuestQueries.TagsAsync(db, current.EventId);
        if (Filter.Household is { } household)
            HouseholdName = await db.Households.Where(h => h.Id == household && h.EventId == current.EventId).Select(h => h.Name).SingleOrDefaultAsync();
        await LoadResultsAsync();
        return Page();
    }

    /// <summary>The household picker's suggestions as the host types: the first matches, with how many people each has.</summary>
    public async Task<IActionResult> OnGetHouseholdsAsync([FromQuery(Name = "Input.Household")] string? name)
    {
        var matches = await GuestQueries.HouseholdsAsync(db, current.EventId, name, limit: 12);
        return Partial("_HouseholdOptions", matches);
    }

    private async Task LoadResultsAsync()
    {
        // A filter value that failed to bind (status=Bogus) is simply not applied.
        ModelState.Clear();
        var filtered = Filter.Apply(db.Guests.Where(g => g.EventId == current.EventId), current.UserId);
        Total = await filtered.CountAsync();
        Filter.Page = Math.Clamp(Filter.Page, 1, PageCount);
        // Sort and page on ids alone (a narrow sort, often straight off an index), then load just that page's guests.
        var ids = await Filter.Order(filtered).Skip((Filter.Page - 1) * GuestFilter.PageSize).Take(GuestFilter.PageSize)
            .Select(g => g.Id).ToListAsync();
        var page = await db.Guests.Include(g => g.Household).Include(g => g.Attendances).Where(g => g.EventId == current.EventId && ids.Contains(g.Id))
            .AsNoTracking().ToDictionaryAsync(g => g.Id);
        Guests = [.. ids.Select(id => page[id])];
        LastMessages = await GuestRowView.LastMessagesAsync(db, current.EventId, ids);
        var registered = Guests.Where(g => g.Registration is not null).Select(g => g.Id).ToList();
        if (registered.Count > 0) Registrations = await GuestRowView.RegistrationsAsync(db, current.EventId, registered);
    }
}
