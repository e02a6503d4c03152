using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages;

/// <summary>Shown for unexpected errors, with an id that matches the log line so support can find the details.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public string CorrelationId { get; private set; } = "";

    public void OnGet() => CorrelationId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
    public void OnPost() => OnGet();
}
