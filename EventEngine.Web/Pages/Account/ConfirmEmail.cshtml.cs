using EventEngine.Web.Accounts;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Account;

/// <summary>
/// The link in the confirmation email (it works without being logged in, in whichever browser the mail app opens), and
/// "send it again" for a logged-in account, at most once a minute.
/// </summary>
public class ConfirmEmailModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, TimeProvider clock) : PageModel
{
    public bool Confirmed { get; private set; }
    public string? Email { get; private set; }

    /// <summary>Set when the link was for a new address that another account took in the meantime.</summary>
    public bool Taken { get; private set; }

    /// <summary>With <paramref name="email"/>, the link is for a change of address (sent to the new one).</summary>
    public async Task<IActionResult> OnGetAsync(Guid? userId, string? code, string? email)
    {
        var user = userId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is not null && code is not null && email is not null)
        {
            Email = email;
            if (string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase)) Confirmed = user.EmailConfirmed;
            else await ChangeAsync(user, email, code);
            if (Confirmed && users.GetUserId(User) == user.Id.ToString()) await signIn.RefreshSignInAsync(user);
        }
        else if (user is not null && code is not null)
        {
            Confirmed = user.EmailConfirmed || (await users.ConfirmEmailAsync(user, code)).Succeeded;
            Email = user.Email;
            // This browser's login (if it is this account's) now says confirmed, so the reminder goes.
            if (Confirmed && users.GetUserId(User) == user.Id.ToString()) await signIn.RefreshSignInAsync(user);
        }
        return Page();
    }

    /// <summary>
    /// The address and the user name (they are one) change together, in one transaction, and the old address is told.
    /// Identity's change also renews the security stamp, so other logins end.
    /// </summary>
    private async Task ChangeAsync(AppUser user, string email, string code)
    {
        var old = user.Email!;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await users.ChangeEmailAsync(user, email, code);
        if (changed.Succeeded) changed = await users.SetUserNameAsync(user, email);
        Taken = changed.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName");
        if (!changed.Succeeded) return;
        db.OutboxMessages.Add(AccountEmails.EmailChanged(user, old, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Confirmed = true;
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var referer = Request.Headers.Referer.ToString();
        var back = Uri.TryCreate(referer, UriKind.Absolute, out var from) && Url.IsLocalUrl(from.PathAndQuery) ? from.PathAndQuery : Url.Page("/Events/Index")!;
        if (user.EmailConfirmed) return this.RedirectWithToast(back, "Your email address is already confirmed.", ToastKind.Info);
        if (await ConfirmationEmails.QueueAsync(db, user, clock.GetUtcNow().UtcDateTime) is { } wait)
            return this.RedirectWithToast(back, $"We sent one less than a minute ago. Check your inbox and spam folder, or try again in {Math.Ceiling(wait.TotalSeconds)} seconds.", ToastKind.Error);
        return this.RedirectWithToast(back, $"We sent a new link to {user.Email}.");
    }
}
