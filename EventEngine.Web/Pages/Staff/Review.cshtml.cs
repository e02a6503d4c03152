using EventEngine.Web.Accounts;
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
public class ReviewModel(AppDbContext db, UserManager<AppUser> users, EventLifecycle lifecycle, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Waiting { get; private set; } = [];
    public IReadOnlyList<Row> Published { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> TrustedOrganisations { get; private set; } = [];

    /// <summary>An event as staff see it. <see cref="Changes"/> is what differs from when it was last published; null if it never was.</summary>
    public sealed record Row(Guid Id, string Name, Guid OrganisationId, string Organisation, bool Trusted, string? City, DateTime StartsAt, string TimeZoneId,
        EventCategory? Category, string? Summary, string? Description, string? Venue, string? Address, DateTime? SubmittedAt, DateTime? PublishedAt,
        IReadOnlyList<string>? Changes);

    public async Task OnGetAsync()
    {
        Waiting = (await Public(EventStatus.InReview).OrderBy(e => e.SubmittedAt).ToListAsync()).Select(ToRow).ToList();
        Published = (await Public(EventStatus.Published).OrderByDescending(e => e.PublishedAt).Take(20).ToListAsync()).Select(ToRow).ToList();
        TrustedOrganisations = (await db.Organisations.AsNoTracking().Where(o => o.Trusted).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();
    }

    /// <summary>Trusting an organisation lets its events publish without review; staff can take that back at any time.</summary>
    public async Task<IActionResult> OnPostTrustAsync(Guid organisationId, bool trusted)
    {
        var me = (await users.GetUserAsync(User))!;
        var back = Url.Page("/Staff/Review")!;
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId);
        if (organisation is null) return this.RedirectWithToast(back, "That organisation no longer exists.", ToastKind.Error);
        if (organisation.Trusted == trusted) return this.RedirectWithToast(back, "Nothing changed: it already was.", ToastKind.Info);
        organisation.Trusted = trusted;
        StaffLog.Add(db, me, trusted ? StaffActionKind.OrganisationTrusted : StaffActionKind.OrganisationUntrusted, null, organisation.Name, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return this.RedirectWithToast(back, trusted
            ? $"{organisation.Name} is trusted: its events publish as soon as they are sent."
            : $"{organisation.Name}'s events will wait for review again.");
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

    private IQueryable<Event> Public(EventStatus status) => db.Events.AsNoTracking().Include(e => e.Organisation).Include(e => e.City)
        .Where(e => e.Visibility == EventVisibility.Public && e.Status == status);

    private static Row ToRow(Event e) => new(e.Id, e.Name, e.OrganisationId!.Value, e.Organisation!.Name, e.Organisation.Trusted, e.City?.Name, e.StartsAt,
        e.TimeZoneId, e.Category, e.Summary, e.Description, e.Venue, e.Address, e.SubmittedAt, e.PublishedAt,
        e.PublishedSnapshot is { } published ? PublicEventSnapshot.Changes(published, PublicEventSnapshot.Of(e, e.City?.Name)) : null);
}
