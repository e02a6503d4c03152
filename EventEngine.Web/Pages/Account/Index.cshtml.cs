using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

/// <summary>
/// The person's own account: their name, their password (the current one first), and ending their other logins.
/// A new password and "log out everywhere else" change the security stamp: other logins end at their next check
/// (within a minute), and this browser's login is renewed with the new stamp.
/// </summary>
[Authorize]
public class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public NameInput Name { get; set; } = new();

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    public string Email { get; private set; } = "";
    public bool EmailConfirmed { get; private set; }

    private string AccountUrl => Url.Page("/Account/Index")!;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Show(user);
        Name.DisplayName = user.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostNameAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Show(user);
        ModelState.Clear();
        if (!TryValidateModel(Name, nameof(Name))) return Page();
        var name = PlainText.Tidy(Name.DisplayName);
        if (name is null)
        {
            ModelState.AddModelError("Name.DisplayName", "Enter your name.");
            return Page();
        }
        user.DisplayName = name;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        return this.RedirectWithToast(AccountUrl, "Your name is saved.");
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Show(user);
        Name.DisplayName = user.DisplayName;
        ModelState.Clear();
        if (!TryValidateModel(Password, nameof(Password))) return Page();
        var result = await users.ChangePasswordAsync(user, Password.Current, Password.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Password.Current" : "Password.Password",
                    error.Code == "PasswordMismatch" ? "That is not your current password." : error.Description);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        return this.RedirectWithToast(AccountUrl, "Your password is changed, and you're logged out everywhere else.");
    }

    public async Task<IActionResult> OnPostLogOutElsewhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.UpdateSecurityStampAsync(user);
        await signIn.RefreshSignInAsync(user);
        return this.RedirectWithToast(AccountUrl, "You're logged out everywhere else; this browser stays logged in.");
    }

    private void Show(AppUser user) => (Email, EmailConfirmed) = (user.Email ?? "", user.EmailConfirmed);

    public sealed class NameInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Keep your name under {1} characters.")]
        [Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";
    }

    public sealed class PasswordInput : NewPasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string Current { get; set; } = "";
    }
}
