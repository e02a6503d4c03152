using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Accounts;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

/// <summary>
/// "Confirm it's you": the password again before two-factor, passkeys or deleting the account can change
/// (<see cref="RecentPasswordAttribute"/>). Wrong passwords count towards the account's lockout, as at login.
/// </summary>
[Authorize]
public class ConfirmPasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, LoginSessions sessions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Email = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Email = user.Email ?? "";
        if (!ModelState.IsValid) return Page();
        if (await Lockouts.WrongPasswordAsync(signIn, user, Password) is { } wrong)
        {
            ModelState.AddModelError(nameof(Password), wrong);
            return Page();
        }
        await sessions.PasswordConfirmedAsync(User);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Account/Index")!);
    }
}
