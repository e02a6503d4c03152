using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Links;

/// <summary>The team invitation of the request, resolved once by <see cref="InvitationLinkFilter"/>.</summary>
public sealed class CurrentInvitation
{
    public string Token { get; internal set; } = "";

    /// <summary>The invitation the link opens; null when it opens none.</summary>
    public Invitation? Invitation { get; internal set; }
    public InvitationPreview? Preview { get; internal set; }

    /// <summary>Open, or why not (expired, withdrawn, used).</summary>
    public InvitationState State { get; internal set; }
}

/// <summary>
/// The one place where a team invitation's link is decided, for every handler of the pages in Invitations/: a token
/// that opens nothing gets 404 and a link expired, withdrawn or used 410, each with the page's own explanation and no
/// handler run. Otherwise <see cref="CurrentInvitation"/> holds the open invitation.
/// </summary>
public sealed class InvitationLinkFilter(TeamInvitations invitations, CurrentInvitation current, TimeProvider clock) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        LinkPages.KeepPrivate(http.Response);
        current.Token = http.Features.Get<LinkToken>()?.Value ?? "";
        current.Invitation = await invitations.FindAsync(current.Token);
        if (current.Invitation is null)
        {
            context.Result = new PageResult { StatusCode = StatusCodes.Status404NotFound };
            return;
        }
        current.Preview = await invitations.PreviewAsync(current.Invitation);
        current.State = current.Invitation.StateAt(clock.GetUtcNow().UtcDateTime);
        if (current.State != InvitationState.Open)
        {
            context.Result = new PageResult { StatusCode = StatusCodes.Status410Gone };
            return;
        }
        await next();
    }
}
