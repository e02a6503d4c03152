using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Accounts;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

/// <summary>
/// The second step of logging in, after a right password: a code from the authenticator app, or one of the recovery
/// codes (one field takes either: app codes are six digits). Wrong codes count towards the account's lockout and the
/// address's login limit, as wrong passwords do.
/// </summary>
public class LoginTwoFactorModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AccountLimits limits) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter the code from your app, or a recovery code.")]
    [StringLength(32, ErrorMessage = "Codes are at most {1} characters.")]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/Login", new { ReturnUrl });
        if (!ModelState.IsValid) return Page();
        if (await limits.RetryAfterAsync(limits.LoginFailures, this) is { } wait) return AccountLimits.TooMany(this, wait);

        var typed = new string(Code.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var result = typed.Length == 6 && typed.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(typed, RememberMe, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(typed.ToUpperInvariant()); // Identity's codes are upper case, like 3BCDF-GHJ45
        if (result.Succeeded)
        {
            var left = typed.Length == 6 ? int.MaxValue : await users.CountRecoveryCodesAsync(user);
            return this.RedirectWithToast(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Events/Index")!, left <= 3
                ? $"Welcome back, {user.DisplayName}. You have {Plural.Of(left, "recovery code")} left: make new ones on your account page."
                : $"Welcome back, {user.DisplayName}.", left <= 3 ? ToastKind.Info : ToastKind.Success);
        }
        await limits.HitAsync(limits.LoginFailures, this);
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? Lockouts.Message(user)
            : "That code didn't work. Type the code your app shows now, or an unused recovery code.");
        return Page();
    }
}
