using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Dashboard;

/// <summary>The event at a glance: answers, headcount, sides, households, dietary needs, answers over time and delivery. Every member may see it.</summary>
public class IndexModel(AppDbContext db, CurrentEvent current, TimeProvider clock) : PageModel
{
    public string EventName { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "";
    public DashboardReport Report { get; private set; } = null!;
    /// <summary>For a public event that takes registrations: places, waiting list and registrations over time.</summary>
    public RegistrationReport? Registrations { get; private set; }
    public Guid EventId => current.EventId;
    public bool CanExport => current.Can(EventPermission.ExportGuests);

    public async Task OnGetAsync()
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == current.EventId);
        var now = clock.GetUtcNow().UtcDateTime;
        EventName = e.Name;
        TimeZoneId = e.TimeZoneId;
        Report = await DashboardReport.LoadAsync(db, current.EventId, e.TimeZoneId, now);
        Registrations = await RegistrationReport.LoadAsync(db, e, now);
    }
}
