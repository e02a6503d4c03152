using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages;

/// <summary>The friendly page for 403, 404 and other status codes (re-executed by UseStatusCodePagesWithReExecute).</summary>
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int code) => Show(code);
    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        Code = code;
        // Reached directly (not re-executed), keep the status the page describes.
        Response.StatusCode = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        return Page();
    }

    public string Heading => Code switch
    {
        403 => "You don't have permission to do that.",
        404 => "We couldn't find that page.",
        429 => "Too many requests.",
        _ => "Something went wrong.",
    };

    public string Explanation => Code switch
    {
        403 => "Your role in this event doesn't allow this. An Admin of the event can change your role.",
        404 => "It may have been deleted, or you may not have access to it.",
        429 => "Please wait a moment and try again.",
        _ => "Please try again.",
    };
}
