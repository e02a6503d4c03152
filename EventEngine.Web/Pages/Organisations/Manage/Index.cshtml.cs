using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Links;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Organisations.Manage;

/// <summary>
/// An organisation's home for its members: its public events with where each stands, and its members. Owners invite
/// people by email (as an event's team does: a single-use link, which they accept with an account for that address),
/// with a role and an optional end date; change a member's role or end the same way; and remove members. The last
/// Owner stays.
/// </summary>
public class IndexModel(AppDbContext db, CurrentOrganisation current, UserManager<AppUser> users, OrganisationInvitations invitations, TimeProvider clock) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<EventRow> Events { get; private set; } = [];
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];
    public CurrentOrganisation Current => current;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public sealed record EventRow(Guid Id, string Name, DateTime StartsAt, string TimeZoneId, EventStatus Status, string? City, string? ReviewNote);
    public sealed record MemberRow(Guid UserId, string Name, string Email, OrganisationRole Role, DateTime? ExpiresAt);
    public sealed record InvitationRow(Guid Id, string Email, OrganisationRole Role, DateTime? MemberUntil, DateTime ExpiresAt);

    public sealed class MemberInput
    {
        [Required(ErrorMessage = "Enter their email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Display(Name = "Role")]
        public OrganisationRole Role { get; set; } = OrganisationRole.Editor;

        [Display(Name = "Until (optional)")]
        [DataType(DataType.Date)]
        public DateOnly? Until { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Invites the address, or, when it already belongs to a member, changes their role and end date.</summary>
    [RequireOrganisationPermission(OrganisationPermission.ManageMembers)]
    public async Task<IActionResult> OnPostInviteAsync()
    {
        await LoadAsync();
        if (!Enum.IsDefined(Input.Role)) ModelState.AddModelError("Input.Role", "Choose Owner, Editor or Viewer.");
        var today = DateOnly.FromDateTime(Now);
        if (Input.Until is { } until && until <= today) ModelState.AddModelError("Input.Until", "Choose a day after today, or leave it empty.");
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        var back = Url.Page("/Organisations/Manage/Index", new { organisationId = current.OrganisationId })!;
        // The membership ends at the end of the chosen day (UTC).
        var expires = Input.Until is { } day ? day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : (DateTime?)null;
        var user = await users.FindByEmailAsync(email);
        var isMember = user is not null && await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == current.OrganisationId && m.UserId == user.Id);
        if (!isMember)
        {
            var result = await invitations.InviteAsync(current, email, Input.Role, expires);
            if (result == InviteResult.Sent)
                return this.RedirectWithToast(back, $"Invitation sent to {email}. The link works for 7 days.");
            ModelState.AddModelError("Input.Email", "An invitation to that address is already waiting. Send it again from the list below.");
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await LockAsync();
        var member = await db.OrganisationMembers.SingleAsync(m => m.OrganisationId == current.OrganisationId && m.UserId == user!.Id);
        if (member.Role == OrganisationRole.Owner && Input.Role != OrganisationRole.Owner && await OwnersAsync() == 1)
        {
            ModelState.AddModelError("Input.Role", "An organisation needs an Owner. Make someone else an Owner first.");
            return Page();
        }
        (member.Role, member.ExpiresAt) = (Input.Role, expires);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return this.RedirectWithToast(back, $"{user!.DisplayName} is {Input.Role.Article()}{(Input.Until is { } d ? $" until {d:d MMM yyyy}" : "")}.");
    }

    [RequireOrganisationPermission(OrganisationPermission.ManageMembers)]
    public async Task<IActionResult> OnPostResendAsync(Guid id) => await invitations.ResendAsync(current, id)
        ? this.RedirectWithToast(BasePath, "Invitation sent again, with 7 more days to accept.")
        : this.RedirectWithToast(BasePath, "That invitation was already used or withdrawn.", ToastKind.Info);

    [RequireOrganisationPermission(OrganisationPermission.ManageMembers)]
    public async Task<IActionResult> OnPostRevokeAsync(Guid id) => await invitations.RevokeAsync(current, id)
        ? this.RedirectWithToast(BasePath, "Invitation withdrawn: its link no longer works.")
        : this.RedirectWithToast(BasePath, "That invitation was already used or withdrawn.", ToastKind.Info);

    private string BasePath => Url.Page("/Organisations/Manage/Index", new { organisationId = current.OrganisationId })!;

    [RequireOrganisationPermission(OrganisationPermission.ManageMembers)]
    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid userId)
    {
        var back = Url.Page("/Organisations/Manage/Index", new { organisationId = current.OrganisationId })!;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await LockAsync();
        var member = await db.OrganisationMembers.Include(m => m.User).SingleOrDefaultAsync(m => m.OrganisationId == current.OrganisationId && m.UserId == userId);
        if (member is null) return this.RedirectWithToast(back, "They were already removed.", ToastKind.Info);
        if (member.Role == OrganisationRole.Owner && await OwnersAsync() == 1)
            return this.RedirectWithToast(back, "An organisation needs an Owner. Make someone else an Owner first.", ToastKind.Error);
        db.OrganisationMembers.Remove(member);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return this.RedirectWithToast(userId == current.UserId ? Url.Page("/Events/Index")! : back, $"{member.User.DisplayName} is no longer a member.");
    }

    /// <summary>Member changes take the organisation's row lock, so two Owners removing each other cannot both succeed.</summary>
    private Task LockAsync() => db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM organisations WHERE id = {current.OrganisationId} FOR UPDATE");

    /// <summary>Owners whose membership has not expired.</summary>
    private Task<int> OwnersAsync() => db.OrganisationMembers.CountAsync(m => m.OrganisationId == current.OrganisationId && m.Role == OrganisationRole.Owner
        && (m.ExpiresAt == null || m.ExpiresAt > Now));

    private async Task LoadAsync()
    {
        Organisation = await db.Organisations.AsNoTracking().Include(o => o.HomeCity).SingleAsync(o => o.Id == current.OrganisationId);
        Events = await db.Events.AsNoTracking().Where(e => e.OrganisationId == current.OrganisationId)
            .OrderBy(e => e.StartsAt)
            .Select(e => new EventRow(e.Id, e.Name, e.StartsAt, e.TimeZoneId, e.Status, e.City != null ? e.City.Name : null, e.ReviewNote))
            .ToListAsync();
        Members = await db.OrganisationMembers.AsNoTracking().Where(m => m.OrganisationId == current.OrganisationId)
            .OrderBy(m => m.Role).ThenBy(m => m.User.DisplayName)
            .Select(m => new MemberRow(m.UserId, m.User.DisplayName, m.User.Email ?? "", m.Role, m.ExpiresAt))
            .ToListAsync();
        Invitations = await db.OrganisationInvitations.AsNoTracking()
            .Where(i => i.OrganisationId == current.OrganisationId && i.AcceptedAt == null && i.RevokedAt == null)
            .OrderBy(i => i.Email)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.MemberUntil, i.ExpiresAt))
            .ToListAsync();
    }
}
