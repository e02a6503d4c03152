using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Htmx;

public enum ToastKind { Success, Error, Info }

/// <summary>
/// What the Htmx package (its request and response helpers) does not do: partial-or-page responses, toasts and the
/// events that parts of a page listen for.
/// </summary>
public static class HtmxExtensions
{
    private const string ToastKey = "toast";

    /// <summary>The id of the element an HTMX request will swap into, so one URL can serve several parts of a page.</summary>
    public static string? HtmxTarget(this HttpRequest request) => request.IsHtmx(out var htmx) ? htmx?.Target : null;

    /// <summary>
    /// Raises client events through HX-Trigger: a toast ({"message", "kind"}, as wwwroot/js/app.js reads it), and names
    /// such as guests-changed that parts of the page listen for to refresh themselves.
    /// </summary>
    public static void TriggerClientEvents(this HttpResponse response, string? toast, ToastKind kind = ToastKind.Success, params string[] events) =>
        response.Htmx(headers =>
        {
            foreach (var name in events) headers.WithTrigger(name, true);
            if (toast is not null) headers.WithTrigger("toast", new { message = toast, kind = kind.ToString().ToLowerInvariant() });
        });

    /// <summary>For HTMX requests, just the partial (e.g. a form re-rendered with its errors); otherwise the whole page.</summary>
    public static IActionResult PartialOrPage(this PageModel page, string partialName, object model) =>
        page.Request.IsHtmx() ? page.Partial(partialName, model) : page.Page();

    /// <summary>Redirects after a successful change, showing a toast on the next page. HTMX follows HX-Redirect.</summary>
    public static IActionResult RedirectWithToast(this PageModel page, string url, string message, ToastKind kind = ToastKind.Success)
    {
        page.TempData[ToastKey] = JsonSerializer.Serialize(new Toast(message, kind.ToString().ToLowerInvariant()));
        return page.RedirectEvenForHtmx(url);
    }

    /// <summary>A redirect that HTMX follows as a whole-page navigation (HX-Redirect) rather than swapping the next page into a part of this one.</summary>
    public static IActionResult RedirectEvenForHtmx(this PageModel page, string url)
    {
        if (!page.Request.IsHtmx()) return new RedirectResult(url);
        page.Response.Htmx(headers => headers.Redirect(url));
        return new NoContentResult();
    }

    public static Toast? TakeToast(this Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary tempData) =>
        tempData[ToastKey] is string json ? JsonSerializer.Deserialize<Toast>(json) : null;

    public sealed record Toast(string Message, string Kind);
}
