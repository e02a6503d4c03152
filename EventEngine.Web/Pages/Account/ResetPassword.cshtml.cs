using EventEngine.Web.Accounts;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

/// <summary>
/// The link in the reset email. Identity's token is bound to the account's security stamp, which the reset changes:
/// so the link works once, and every login made before it ends (checked each minute, see Program).
/// </summary>
public class ResetPasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [FromRoute]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public bool LinkFailed { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        // Checked now, so a used or expired link says so before the person types a new password.
        LinkFailed = user is null || Code is null
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, Code);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || Code is null)
        {
            LinkFailed = true;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        var result = await users.ResetPasswordAsync(user, Code, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken")) LinkFailed = true;
            foreach (var error in result.Errors.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
                ModelState.AddModelError("Input.Password", error.Description);
            return Page();
        }
        // A reset proves the address: confirm it if it was not yet. This browser logs in with the new password.
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        var login = Url.Page("/Account/Login")!;
        // A reset proves the address, not the rest: a lock staff set stays, and two-factor still asks for its code.
        if (Lockouts.ByStaff(user))
            return this.RedirectWithToast(login, "Your password is changed. " + Lockouts.LockedByStaff, ToastKind.Error);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        if (user.TwoFactorEnabled)
            return this.RedirectWithToast(login, "Your password is changed, and you're logged out everywhere else. Log in with it and a code from your app.");
        await signIn.SignInAsync(user, isPersistent: false);
        return this.RedirectWithToast(Url.Page("/Events/Index")!, "Your password is changed, and you're logged out everywhere else.");
    }
}
