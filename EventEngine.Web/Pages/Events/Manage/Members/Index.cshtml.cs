using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Links;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Members;

/// <summary>
/// The event's team: every member sees who is on it and who is invited; Admins invite, resend, withdraw, change
/// roles and remove; anyone may leave. The last Admin can do neither to themselves (see <see cref="TeamRules"/>).
/// </summary>
public class IndexModel(AppDbContext db, CurrentEvent current, ActivityLog log, TeamInvitations invitations, TimeProvider clock) : PageModel
{
    /// <summary>Bound by the invite handler only, so the other handlers' checks see no errors of an empty invite form.</summary>
    public InviteInput Input { get; set; } = new();

    public string EventName { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "";
    public List<MemberRow> Members { get; private set; } = [];
    public List<InvitationRow> Invitations { get; private set; } = [];
    public CurrentEvent Current => current;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public string BasePath => Url.Page("/Events/Manage/Members/Index", new { eventId = current.EventId })!;
    /// <summary>Whether the person looking hears by email when guests answer (each member chooses for themselves); null when they reach the event through its organisation only.</summary>
    public AnswerEmails? MyAnswerEmails { get; private set; }
    public bool IsLastAdmin => current.Role == EventRole.Admin && Members.Count(m => m.Role == EventRole.Admin) == 1;

    public async Task OnGetAsync() => await LoadAsync();

    [RequireEventPermission(EventPermission.ManageTeam)]
    public async Task<IActionResult> OnPostInviteAsync()
    {
        await TryUpdateModelAsync(Input, nameof(Input));
        Input.Email = Input.Email?.Trim() ?? "";
        if (!Enum.IsDefined(Input.Role) || ModelState.GetFieldValidationState("Input.Role") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.Remove("Input.Role");
            ModelState.AddModelError("Input.Role", "Choose Admin, Editor or Viewer.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var result = await invitations.InviteAsync(current, log, Input.Email, Input.Role);
        if (result == InviteResult.Sent)
            return this.RedirectWithToast(BasePath, $"Invitation sent to {Input.Email}. The link works for 7 days.");
        ModelState.AddModelError("Input.Email", result == InviteResult.AlreadyMember
            ? $"{Input.Email} is already on the team."
            : $"{Input.Email} already has an invitation waiting. Resend it from the list below if it got lost.");
        await LoadAsync();
        return Page();
    }

    [RequireEventPermission(EventPermission.ManageTeam)]
    public async Task<IActionResult> OnPostResendAsync(Guid id) =>
        await invitations.ResendAsync(current, log, id)
            ? this.RedirectWithToast(BasePath, "Invitation sent again, with 7 more days to accept.")
            : this.RedirectWithToast(BasePath, "That invitation was already accepted or withdrawn.", ToastKind.Info);

    [RequireEventPermission(EventPermission.ManageTeam)]
    public async Task<IActionResult> OnPostRevokeAsync(Guid id) =>
        await invitations.RevokeAsync(current, log, id)
            ? this.RedirectWithToast(BasePath, "Invitation withdrawn: its link no longer works.")
            : this.RedirectWithToast(BasePath, "That invitation was already accepted or withdrawn.", ToastKind.Info);

    [RequireEventPermission(EventPermission.ManageTeam)]
    public async Task<IActionResult> OnPostRoleAsync(Guid userId, EventRole role)
    {
        // A value that is not a role binds as the enum's default (Admin) with an error: never act on it.
        if (!ModelState.IsValid || !Enum.IsDefined(role)) return this.RedirectWithToast(BasePath, "Choose Admin, Editor or Viewer.", ToastKind.Error);
        var change = await TeamRules.ChangeRoleAsync(db, current, log, userId, role, Now);
        if (change == TeamChange.NoLongerAdmin) return StatusCode(StatusCodes.Status403Forbidden);
        return this.RedirectWithToast(userId == current.UserId && change == TeamChange.Done && role != EventRole.Admin ? Url.Page("/Events/Manage/Index", new { eventId = current.EventId })! : BasePath,
            change switch
            {
                TeamChange.Done => $"Role changed to {role}.",
                TeamChange.Unchanged => $"Already {role.Article()}.",
                TeamChange.LastAdmin => LastAdminMessage,
                _ => "That person is no longer on the team.",
            },
            change == TeamChange.Done ? ToastKind.Success : change == TeamChange.LastAdmin ? ToastKind.Error : ToastKind.Info);
    }

    [RequireEventPermission(EventPermission.ManageTeam)]
    public async Task<IActionResult> OnPostRemoveAsync(Guid userId) => await RemoveAsync(userId);

    /// <summary>Any member may leave; the page's ViewEvent is all it needs.</summary>
    [RequireEventPermission(EventPermission.ViewEvent)]
    public async Task<IActionResult> OnPostLeaveAsync() => await RemoveAsync(current.UserId);

    /// <summary>The member's own choice of answer emails; a digest starts from now, so it never sends older answers.</summary>
    [RequireEventPermission(EventPermission.ViewEvent)]
    public async Task<IActionResult> OnPostAnswerEmailsAsync(AnswerEmails answerEmails)
    {
        if (!Enum.IsDefined(answerEmails)) return this.RedirectWithToast(BasePath, "Choose how to hear about answers.", ToastKind.Error);
        var now = clock.GetUtcNow().UtcDateTime;
        var me = db.EventMembers.Where(m => m.EventId == current.EventId && m.UserId == current.UserId);
        await me.Where(m => m.AnswerEmails != answerEmails).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.AnswerEmails, answerEmails)
            .SetProperty(m => m.AnswersDigestedAt, answerEmails == AnswerEmails.Daily ? now : null));
        var zone = await db.Events.Where(e => e.Id == current.EventId).Select(e => e.TimeZoneId).SingleAsync();
        return this.RedirectWithToast(BasePath, answerEmails switch
        {
            AnswerEmails.AtOnce => "You'll get an email each time a guest answers.",
            AnswerEmails.Daily => $"You'll get one email a day, at {AnswerNotices.DigestHour}:00 ({zone}), when guests have answered.",
            _ => "No more emails about answers.",
        });
    }

    private const string LastAdminMessage = "An event needs at least one Admin. Make someone else an Admin first.";

    private async Task<IActionResult> RemoveAsync(Guid userId)
    {
        var name = await db.Events.Where(e => e.Id == current.EventId).Select(e => e.Name).SingleAsync();
        return await TeamRules.RemoveAsync(db, current, log, userId, Now) switch
        {
            TeamChange.Done when userId == current.UserId => this.RedirectWithToast(Url.Page("/Events/Index")!, $"You left {name}."),
            TeamChange.Done => this.RedirectWithToast(BasePath, "Removed from the team. Their access ended now."),
            TeamChange.LastAdmin => this.RedirectWithToast(BasePath, LastAdminMessage, ToastKind.Error),
            TeamChange.NoLongerAdmin => StatusCode(StatusCodes.Status403Forbidden),
            _ => this.RedirectWithToast(BasePath, "That person is no longer on the team.", ToastKind.Info),
        };
    }

    private async Task LoadAsync()
    {
        var e = await db.Events.AsNoTracking().Where(x => x.Id == current.EventId).Select(x => new { x.Name, x.TimeZoneId }).SingleAsync();
        EventName = e.Name;
        TimeZoneId = e.TimeZoneId;
        MyAnswerEmails = await db.EventMembers.Where(m => m.EventId == current.EventId && m.UserId == current.UserId).Select(m => (AnswerEmails?)m.AnswerEmails).SingleOrDefaultAsync();
        Members = await db.EventMembers.AsNoTracking().Where(m => m.EventId == current.EventId)
            .OrderBy(m => m.Role).ThenBy(m => m.User.DisplayName)
            .Select(m => new MemberRow(m.UserId, m.User.DisplayName, m.User.Email ?? "", m.Role, m.JoinedAt)).ToListAsync();
        Invitations = await db.EventInvitations.AsNoTracking()
            .Where(i => i.EventId == current.EventId && i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.SentAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role,
                db.Users.Where(u => u.Id == i.InvitedById).Select(u => u.DisplayName).FirstOrDefault() ?? "A former member", i.SentAt, i.ExpiresAt))
            .ToListAsync();
    }

    public sealed record MemberRow(Guid UserId, string Name, string Email, EventRole Role, DateTime JoinedAt);

    public sealed record InvitationRow(Guid Id, string Email, EventRole Role, string InvitedBy, DateTime SentAt, DateTime ExpiresAt);

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Enter the email address to invite.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(254, ErrorMessage = "Email addresses are at most {1} characters.")]
        public string Email { get; set; } = "";

        public EventRole Role { get; set; } = EventRole.Editor;
    }
}
