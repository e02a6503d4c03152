using EventEngine.Web.Authorization;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Invitations;

public enum InvitationView { NotFound, Expired, Revoked, Used, SignIn, Accept, WrongAccount }

/// <summary>
/// The page behind a team invitation's link: says plainly when the link is expired, withdrawn or used (decided before
/// any handler runs by <see cref="InvitationLinkFilter"/>); otherwise asks the person to log in or register (the
/// invited email filled in), then to join with the invited role.
/// </summary>
public class IndexModel(TeamInvitations invitations, CurrentInvitation current, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    private InvitationView? signedIn;

    public InvitationView View => current.Invitation is null ? InvitationView.NotFound
        : current.State != InvitationState.Open ? Closed(current.State)
        : signedIn ?? InvitationView.SignIn;
    public Invitation? Invitation => current.Invitation;
    public InvitationPreview? Preview => current.Preview;
    public string? SignedInEmail { get; private set; }
    public string PagePath => $"/invitations/{current.Token}";
    public string LoginUrl => $"/account/login?returnUrl={Uri.EscapeDataString(PagePath)}";
    public string RegisterUrl => $"/account/register?returnUrl={Uri.EscapeDataString(PagePath)}";

    public async Task<IActionResult> OnGetAsync()
    {
        await SignedInUserAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await SignedInUserAsync();
        if (View != InvitationView.Accept) return Page();
        var result = await invitations.AcceptAsync(Invitation!, user!);
        var joined = Invitation switch
        {
            OrganisationInvitation o => Url.Page("/Organisations/Manage/Index", new { organisationId = o.OrganisationId })!,
            _ => Url.Page("/Events/Manage/Index", new { eventId = ((EventInvitation)Invitation!).EventId })!,
        };
        switch (result)
        {
            case AcceptResult.Joined:
                return this.RedirectWithToast(joined, Preview!.IsOrganisation
                    ? $"Welcome to {Preview.Name}. You are {Preview.RoleArticle}."
                    : $"Welcome to the team of {Preview.Name}. You are {Preview.RoleArticle}.");
            case AcceptResult.AlreadyMember:
                return this.RedirectWithToast(joined, "You were already a member; your role is unchanged.", ToastKind.Info);
            default:
                // Used, withdrawn or expired between the page and the click: show which.
                current.Invitation = await invitations.FindAsync(current.Token);
                current.State = current.Invitation!.StateAt(clock.GetUtcNow().UtcDateTime);
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
        }
    }

    /// <summary>Whether the person must sign in, may accept, or is signed in with another address than the invited one.</summary>
    private async Task<AppUser?> SignedInUserAsync()
    {
        var user = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        SignedInEmail = user?.Email;
        signedIn = user is null ? InvitationView.SignIn
            : user.NormalizedEmail == users.NormalizeEmail(Invitation!.Email) ? InvitationView.Accept
            : InvitationView.WrongAccount;
        return user;
    }

    private static InvitationView Closed(InvitationState state) => state switch
    {
        InvitationState.Expired => InvitationView.Expired,
        InvitationState.Revoked => InvitationView.Revoked,
        _ => InvitationView.Used,
    };
}
