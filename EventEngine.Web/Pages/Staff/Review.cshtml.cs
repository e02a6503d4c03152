using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Staff;

/// <summary>
/// The moderation queue: public events waiting for review, oldest first, to approve or send back with a reason; and the
/// latest published ones, to unpublish with a reason. What a public event shows is public, so staff see all of it here.
/// </summary>
public class ReviewModel(AppDbContext db, UserManager<AppUser> users, EventLifecycle lifecycle) : PageModel
{
    public IReadOnlyList<Row> Waiting { get; private set; } = [];
    public IReadOnlyList<Row> Published { get; private set; } = [];

    public sealed record Row(Guid Id, string Name, string Organisation, bool Trusted, string? City, DateTime StartsAt, string TimeZoneId,
        EventCategory? Category, string? Summary, string? Description, string? Venue, string? Address, DateTime? SubmittedAt, DateTime? PublishedAt);

    public async Task OnGetAsync()
    {
        Waiting = await Rows(Public(EventStatus.InReview).OrderBy(e => e.SubmittedAt)).ToListAsync();
        Published = await Rows(Public(EventStatus.Published).OrderByDescending(e => e.PublishedAt).Take(20)).ToListAsync();
    }

    /// <summary>How many events wait, for the staff navigation.</summary>
    public static Task<int> WaitingCountAsync(AppDbContext db) => db.Events.CountAsync(e => e.SubmittedAt != null && e.Status == EventStatus.InReview);

    public Task<IActionResult> OnPostApproveAsync(Guid id) => TakeAsync(id, EventLifecycle.Step.Approve, null, "Approved: it is in the catalog now, and the organisation is told.");

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason) => TakeAsync(id, EventLifecycle.Step.Reject, reason, "Sent back to the organisation with your reason.");

    public Task<IActionResult> OnPostUnpublishAsync(Guid id, string? reason) => TakeAsync(id, EventLifecycle.Step.Unpublish, reason, "Unpublished: it is a draft again, and the organisation is told why.");

    private async Task<IActionResult> TakeAsync(Guid id, EventLifecycle.Step step, string? reason, string done)
    {
        var me = (await users.GetUserAsync(User))!;
        var outcome = await lifecycle.TakeAsync(id, step, me.Id, me.DisplayName, PlainText.Tidy(reason), staff: me);
        var back = Url.Page("/Staff/Review")!;
        return outcome.Refused is { } refused ? this.RedirectWithToast(back, refused, ToastKind.Error) : this.RedirectWithToast(back, done);
    }

    private IQueryable<Event> Public(EventStatus status) => db.Events.AsNoTracking().Where(e => e.Visibility == EventVisibility.Public && e.Status == status);

    private static IQueryable<Row> Rows(IQueryable<Event> events) => events
        .Select(e => new Row(e.Id, e.Name, e.Organisation!.Name, e.Organisation.Trusted, e.City != null ? e.City.Name : null, e.StartsAt, e.TimeZoneId,
            e.Category, e.Summary, e.Description, e.Venue, e.Address, e.SubmittedAt, e.PublishedAt));
}
