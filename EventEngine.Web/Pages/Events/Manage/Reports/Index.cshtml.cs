using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Pages.Events.Manage.Guests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using EventEngine.Web.Pdf;

namespace EventEngine.Web.Pages.Events.Manage.Reports;

/// <summary>
/// The PDF reports (an event's reports/{report}): for the whole event, or for the guest table's filter when its
/// query string comes along. They carry guests' personal data, so Viewers may not export them.
/// </summary>
[RequireEventPermission(EventPermission.ExportGuests)]
public class IndexModel(AppDbContext db, CurrentEvent current, TimeProvider clock) : PageModel
{
    /// <summary>Each report's address and title.</summary>
    public static readonly IReadOnlyList<(string Slug, string Title)> Reports =
        [("guest-list", "Guest list"), ("caterer-sheet", "Caterer sheet"), ("door-list", "Door list"), ("seating-plan", "Seating plan")];

    [BindProperty(SupportsGet = true)]
    public GuestFilter Filter { get; set; } = new();

    /// <summary>For the guest list: "side" groups by side; anything else by household.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    public async Task<IActionResult> OnGetAsync(string report)
    {
        ModelState.Clear();
        var title = Reports.FirstOrDefault(r => r.Slug == report).Title;
        if (title is null) return NotFound();
        var e = await db.Events.AsNoTracking().Where(x => x.Id == current.EventId)
            .Select(x => new { x.Name, x.StartsAt, x.TimeZoneId, x.Venue }).SingleAsync();
        var bySide = Group == "side";
        var filtered = Filter.Apply(db.Guests.Where(g => g.EventId == current.EventId), current.UserId);
        var guests = await ReportGuest.LoadAsync(filtered, report switch
        {
            "guest-list" when bySide => q => q.OrderBy(g => g.Side == null).ThenBy(g => g.Side),
            "guest-list" => q => q.OrderBy(g => g.HouseholdId == null).ThenBy(g => g.Household!.Name).ThenBy(g => g.HouseholdId),
            _ => q => q.OrderBy(g => g.SortName), // by name; the tables are put in order in memory, where "Table 10" can follow "Table 9"
        });
        var heading = new ReportHeading(
            title + (report == "guest-list" ? bySide ? " by side" : " by household" : ""),
            e.Name,
            string.Join(" · ", new[] { EventTime.Format(e.StartsAt, e.TimeZoneId), e.Venue }.Where(s => !string.IsNullOrWhiteSpace(s))),
            await ScopeAsync(),
            EventTime.Format(clock.GetUtcNow().UtcDateTime, e.TimeZoneId),
            current.Membership.UserName);
        var pdf = report switch
        {
            "guest-list" => GuestListPdf.Render(heading, guests, bySide),
            "caterer-sheet" => CatererSheetPdf.Render(heading, guests),
            "door-list" => DoorListPdf.Render(heading, guests),
            _ => SeatingPlanPdf.Render(heading, guests),
        };
        return File(pdf, "application/pdf", ExportModel.FileName(e.Name, report + ".pdf"));
    }

    /// <summary>Which guests the report covers, in words: "All guests", or the filter's parts.</summary>
    private async Task<string> ScopeAsync()
    {
        if (!Filter.IsFiltered) return "All guests";
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Filter.Q)) parts.Add($"matching “{Filter.Q.Trim()}”");
        if (Filter.Status is { } status) parts.Add($"answer: {status.Label()}");
        if (!string.IsNullOrEmpty(Filter.Side)) parts.Add(Filter.Side == GuestFilter.NoSide ? "no side" : $"side: {Filter.Side}");
        if (!string.IsNullOrEmpty(Filter.Tag)) parts.Add($"tag: {Filter.Tag}");
        if (Filter.Household is { } id)
            parts.Add($"household: {await db.Households.Where(h => h.Id == id && h.EventId == current.EventId).Select(h => h.Name).SingleOrDefaultAsync() ?? "(none)"}");
        if (Filter.Mine) parts.Add($"added by {current.Membership.UserName}");
        return "Guests " + string.Join(", ", parts);
    }
}
