using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Account;

/// <summary>
/// Asks for a reset link. The answer is the same whether or not an account uses the address, and so is the work behind
/// it: one email is queued either way (the link, or a note that no account uses the address), so neither the page nor
/// its timing tells anyone who is registered. One email per address a minute, however often it is asked for.
/// </summary>
public class ForgotPasswordModel(UserManager<AppUser> users, AccountLimits limits, RateLimits counters, AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>One email per address a minute, however often it is asked for (counted like every other limit).</summary>
    private static readonly RateLimit PerAddress = new("reset-email", 1, TimeSpan.FromMinutes(1));

    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    /// <summary>The address the answer is about, once the form has been sent.</summary>
    public string? Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (await limits.HitAsync(limits.ResetRequests, this) is { } wait) return AccountLimits.TooMany(this, wait);
        var email = Input.Email.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await users.FindByEmailAsync(email);
        if (await counters.HitAsync(PerAddress, email.ToLowerInvariant(), HttpContext.RequestAborted) is null)
        {
            db.OutboxMessages.Add(user is null ? AccountEmails.NoAccount(email, now) : AccountEmails.PasswordReset(user, now));
            await db.SaveChangesAsync();
        }
        Sent = email;
        return Page();
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(254, ErrorMessage = "Email addresses are at most {1} characters.")]
        public string Email { get; set; } = "";
    }
}
