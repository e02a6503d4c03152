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
/// The page behind a team invitation's link: says plainly when the link is expired, withdrawn or used; otherwise
/// asks the person to log in or register (the invited email filled in), then to join with the invited role.
/// </summary>
public class IndexModel(TeamInvitations invitations, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public InvitationView View { get; private set; }
    public EventInvitation? Invitation { get; private set; }
    public InvitationPreview? Preview { get; private set; }
    public string? SignedInEmail { get; private set; }
    public string Token { get; private set; } = "";
    public string PagePath => $"/invitations/{Token}";
    public string LoginUrl => $"/account/login?returnUrl={Uri.EscapeDataString(PagePath)}";
    public string RegisterUrl => $"/account/register?returnUrl={Uri.EscapeDataString(PagePath)}";

    public async Task<IActionResult> OnGetAsync()
    {
        await ResolveAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await ResolveAsync();
        if (View != InvitationView.Accept) return Page();
        var result = await invitations.AcceptAsync(Invitation!, user!);
        var eventUrl = $"/events/{Invitation!.EventId}";
        switch (result)
        {
            case AcceptResult.Joined:
                return this.RedirectWithToast(eventUrl, $"Welcome to the team of {Preview!.EventName}. You are {Invitation.Role.Article()}.");
            case AcceptResult.AlreadyMember:
                return this.RedirectWithToast(eventUrl, "You were already on this team; your role is unchanged.", ToastKind.Info);
            default:
                // Used, withdrawn or expired between the page and the click: show which.
                await ResolveAsync();
                return Page();
        }
    }

    private async Task<AppUser?> ResolveAsync()
    {
        // The link is a capability: keep it out of other sites' logs, search engines and shared caches.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers.CacheControl = "no-store";
        Token = HttpContext.Features.Get<LinkToken>()?.Value ?? "";
        Invitation = await invitations.FindAsync(Token);
        if (Invitation is null)
        {
            View = InvitationView.NotFound;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        Preview = await invitations.PreviewAsync(Invitation);
        var state = Invitation.StateAt(clock.GetUtcNow().UtcDateTime);
        if (state != InvitationState.Open)
        {
            View = state switch { InvitationState.Expired => InvitationView.Expired, InvitationState.Revoked => InvitationView.Revoked, _ => InvitationView.Used };
            Response.StatusCode = StatusCodes.Status410Gone;
            return null;
        }
        var user = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        SignedInEmail = user?.Email;
        View = user is null ? InvitationView.SignIn
            : user.NormalizedEmail == users.NormalizeEmail(Invitation.Email) ? InvitationView.Accept
            : InvitationView.WrongAccount;
        return user;
    }
}
