using EventEngine.Web.Authorization;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>The organisation's side of a public event's life cycle (<see cref="EventLifecycle"/>): send for review, take back, cancel.</summary>
public class PublishingModel(CurrentEvent current, EventLifecycle lifecycle) : PageModel
{
    private string EventUrl => Url.Page("/Events/Manage/Index", new { eventId = current.EventId })!;

    public IActionResult OnGet() => Redirect(EventUrl);

    [RequireEventPermission(EventPermission.EditEvent)]
    public Task<IActionResult> OnPostSubmitAsync() => TakeAsync(EventLifecycle.Step.Submit, "Sent for review. A moderator looks at it soon; you'll hear by email.");

    [RequireEventPermission(EventPermission.EditEvent)]
    public Task<IActionResult> OnPostWithdrawAsync() => TakeAsync(EventLifecycle.Step.Withdraw, "Taken back from review: it is a draft again.");

    [RequireEventPermission(EventPermission.EditEvent)]
    public Task<IActionResult> OnPostCancelAsync() => TakeAsync(EventLifecycle.Step.Cancel, "The event is cancelled. Its page stays, marked cancelled.");

    private async Task<IActionResult> TakeAsync(EventLifecycle.Step step, string done)
    {
        var outcome = await lifecycle.TakeAsync(current.EventId, step, current.UserId, current.Membership.UserName);
        if (outcome.Refused is { } refused) return this.RedirectWithToast(EventUrl, refused, ToastKind.Error);
        if (outcome.Told > 0) done += $" We emailed the {Plural.Of(outcome.Told, "person", "people")} registered or waiting.";
        return this.RedirectWithToast(EventUrl, step == EventLifecycle.Step.Submit && outcome.Status == EventStatus.Published
            ? "Published: your organisation is trusted, so it needed no review. It is in the catalog now." : done);
    }
}
