using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Accounts;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
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
public class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, LoginSessions sessions, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public NameInput Name { get; set; } = new();

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    [BindProperty]
    public EmailInput NewEmail { get; set; } = new();

    public string Email { get; private set; } = "";
    public bool EmailConfirmed { get; private set; }
    public IReadOnlyList<LoginSession> Sessions { get; private set; } = [];
    public Guid? ThisSession { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public int PasskeyCount { get; private set; }
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string AccountUrl => Url.Page("/Account/Index")!;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostNameAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var typed = Name.DisplayName;
        await ShowAsync(user);
        Name.DisplayName = typed;
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
        await ShowAsync(user);
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

    /// <summary>Nothing changes until the link sent to the new address is followed (ConfirmEmail); the password is asked first.</summary>
    public async Task<IActionResult> OnPostEmailAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await ShowAsync(user);
        ModelState.Clear();
        if (!TryValidateModel(NewEmail, nameof(NewEmail))) return Page();
        var email = NewEmail.Email.Trim();
        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError("NewEmail.Email", "That is already your address.");
        else if (await users.FindByEmailAsync(email) is not null)
            ModelState.AddModelError("NewEmail.Email", "Another account uses that address.");
        else if (!await users.CheckPasswordAsync(user, NewEmail.Password))
            ModelState.AddModelError("NewEmail.Password", "That is not your current password.");
        if (!ModelState.IsValid) return Page();
        db.OutboxMessages.Add(AccountEmails.EmailChange(user, email, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        return this.RedirectWithToast(AccountUrl, $"We sent a link to {email}. Your address changes when you follow it.");
    }

    public async Task<IActionResult> OnPostEndSessionAsync(Guid id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (id == LoginSessions.IdOf(User)) return this.RedirectWithToast(AccountUrl, "To end this login, use Log out.", ToastKind.Info);
        var ended = await sessions.EndAsync(user.Id, id);
        return this.RedirectWithToast(AccountUrl, ended == 1 ? "That login has ended." : "That login had already ended.", ended == 1 ? ToastKind.Success : ToastKind.Info);
    }

    public async Task<IActionResult> OnPostLogOutElsewhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await sessions.EndAllButAsync(user.Id, LoginSessions.IdOf(User));
        await users.UpdateSecurityStampAsync(user);
        await signIn.RefreshSignInAsync(user);
        return this.RedirectWithToast(AccountUrl, "You're logged out everywhere else; this browser stays logged in.");
    }

    private async Task ShowAsync(AppUser user)
    {
        (Email, EmailConfirmed, TwoFactorEnabled) = (user.Email ?? "", user.EmailConfirmed, user.TwoFactorEnabled);
        if (string.IsNullOrEmpty(Name.DisplayName)) Name.DisplayName = user.DisplayName;
        Sessions = await sessions.ListAsync(user);
        PasskeyCount = (await users.GetPasskeysAsync(user)).Count;
        ThisSession = LoginSessions.IdOf(User);
    }

    public sealed class NameInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Keep your name under {1} characters.")]
        [Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Enter the new address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(254, ErrorMessage = "Email addresses are at most {1} characters.")]
        [Display(Name = "New email address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string Password { get; set; } = "";
    }

    public sealed class PasswordInput : NewPasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string Current { get; set; } = "";
    }
}
