using EventEngine.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Pages.Account;

/// <summary>How many logins that fail, registrations and reset requests one client address may make per window.</summary>
public sealed class AccountLimitOptions
{
    public int LoginFailuresPer15Minutes { get; set; } = 20;
    public int RegistrationsPerHour { get; set; } = 20;
    public int ResetRequestsPerHour { get; set; } = 20;
}

/// <summary>
/// The account pages' limits per client address, counted for all instances in PostgreSQL (<see cref="RateLimits"/>).
/// Per account, Identity's lockout (kept in the users table) already holds across instances.
/// </summary>
public sealed class AccountLimits(RateLimits limits, IOptions<AccountLimitOptions> options)
{
    public RateLimit LoginFailures => new("login-failure", options.Value.LoginFailuresPer15Minutes, TimeSpan.FromMinutes(15));
    public RateLimit Registrations => new("register", options.Value.RegistrationsPerHour, TimeSpan.FromHours(1));
    public RateLimit ResetRequests => new("reset-request", options.Value.ResetRequestsPerHour, TimeSpan.FromHours(1));

    public Task<TimeSpan?> RetryAfterAsync(RateLimit limit, PageModel page) => limits.RetryAfterAsync(limit, RateLimits.ClientOf(page.HttpContext), page.HttpContext.RequestAborted);

    public Task<TimeSpan?> HitAsync(RateLimit limit, PageModel page) => limits.HitAsync(limit, RateLimits.ClientOf(page.HttpContext), page.HttpContext.RequestAborted);

    /// <summary>The form again with a message at its top, as 429 with Retry-After.</summary>
    public static IActionResult TooMany(PageModel page, TimeSpan wait)
    {
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        page.ModelState.AddModelError("", $"Too many attempts from your network. Please try again in {minutes} minute{(minutes == 1 ? "" : "s")}.");
        return page.Page();
    }
}
