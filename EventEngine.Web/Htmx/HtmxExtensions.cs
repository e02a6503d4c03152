using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Htmx;

public enum ToastKind { Success, Error, Info }

/// <summary>The few HTMX helpers the pages share: partial-or-page responses, redirects and toasts.</summary>
public static class HtmxExtensions
{
    private const string ToastKey = "toast";

    public static bool IsHtmx(this HttpRequest request) => request.Headers.ContainsKey("HX-Request");

    /// <summary>htmx asks for the whole page when the back button lands on a page it has no snapshot of.</summary>
    public static bool IsHistoryRestore(this HttpRequest request) => request.Headers.ContainsKey("HX-History-Restore-Request");

    /// <summary>The id of the element an HTMX request will swap into, so one URL can serve several parts of a page.</summary>
    public static string? HtmxTarget(this HttpRequest request) => request.Headers["HX-Target"].FirstOrDefault();

    /// <summary>
    /// Raises client events through HX-Trigger: a toast, and names such as guests-changed that parts of the page
    /// listen for to refresh themselves.
    /// </summary>
    public static void TriggerClientEvents(this HttpResponse response, string? toast, ToastKind kind = ToastKind.Success, params string[] events)
    {
        var triggers = events.ToDictionary(e => e, object (_) => true);
        if (toast is not null) triggers["toast"] = new Toast(toast, kind.ToString().ToLowerInvariant());
        response.Headers["HX-Trigger"] = JsonSerializer.Serialize(triggers, JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>For HTMX requests, just the partial (e.g. a form re-rendered with its errors); otherwise the whole page.</summary>
    public static IActionResult PartialOrPage(this PageModel page, string partialName, object model) =>
        page.Request.IsHtmx() ? page.Partial(partialName, model) : page.Page();

    /// <summary>Redirects after a successful change, showing a toast on the next page. HTMX follows HX-Redirect.</summary>
    public static IActionResult RedirectWithToast(this PageModel page, string url, string message, ToastKind kind = ToastKind.Success)
    {
        page.TempData[ToastKey] = JsonSerializer.Serialize(new Toast(message, kind.ToString().ToLowerInvariant()));
        if (!page.Request.IsHtmx()) return new RedirectResult(url);
        page.Response.Headers["HX-Redirect"] = url;
        return new NoContentResult();
    }

    public static Toast? TakeToast(this Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary tempData) =>
        tempData[ToastKey] is string json ? JsonSerializer.Deserialize<Toast>(json) : null;

    public sealed record Toast(string Message, string Kind);
}
