using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages;

/// <summary>The friendly page for 400, 403, 404 and other status codes (re-executed by UseStatusCodePagesWithReExecute).</summary>
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet() => Show();
    public void OnPost() => Show();

    // The code comes from the route, not model binding: a re-executed POST carries the original form, and when
    // that form could not be read, binding fails and would turn a 400 into a 404.
    private void Show()
    {
        Code = int.TryParse(RouteData.Values["code"]?.ToString(), out var code) && code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
            Response.StatusCode = Code; // reached directly: answer with the status the page describes
    }

    public string Heading => Code switch
    {
        400 => "That request couldn't be processed.",
        403 => "You don't have permission to do that.",
        404 => "We couldn't find that page.",
        429 => "Too many requests.",
        _ => "Something went wrong.",
    };

    public string Explanation => Code switch
    {
        400 => "The page may have been open for a long time, or the form held something it can't accept. Go back, reload the page and try again.",
        403 => "Your role in this event doesn't allow this. An Admin of the event can change your role.",
        404 => "It may have been deleted, or you may not have access to it.",
        429 => "Please wait a moment and try again.",
        _ => "Please try again.",
    };
}
