using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Accounts;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Links;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, TeamInvitations invitations, AccountLimits limits) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set when the person came from a team invitation's page: its email is filled in and the event named.</summary>
    public InvitationPreview? Invitation { get; private set; }

    public async Task OnGetAsync()
    {
        Invitation = await invitations.PreviewAsync(ReturnUrl);
        if (Invitation is not null) Input.Email = Invitation.Email;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Invitation = await invitations.PreviewAsync(ReturnUrl);
        if (!ModelState.IsValid) return Page();
        if (await limits.RetryAfterAsync(limits.LoginFailures, this) is { } wait) return AccountLimits.TooMany(this, wait);

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);

        if (result.Succeeded)
            return this.RedirectWithToast(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Events/Index")!, $"Welcome back, {user!.DisplayName}.");
        // The password was right; Identity holds the account in its two-factor cookie until the code is typed.
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl, Input.RememberMe });

        await limits.HitAsync(limits.LoginFailures, this);
        ModelState.AddModelError("", result.IsLockedOut ? Lockouts.Message(user) : "That email and password don't match an account.");
        return Page();
    }

    /// <summary>What the browser needs to offer this site's passkeys (any account's: the passkey says whose it is).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() => Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    /// <summary>A passkey is a second factor in itself (a device and its lock), so it logs in without a code.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credentialJson)
    {
        Invitation = await invitations.PreviewAsync(ReturnUrl);
        ModelState.Clear();
        if (await limits.RetryAfterAsync(limits.LoginFailures, this) is { } wait) return AccountLimits.TooMany(this, wait);
        var result = string.IsNullOrEmpty(credentialJson) ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasskeySignInAsync(credentialJson);
        if (result.Succeeded)
        {
            return this.RedirectWithToast(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Events/Index")!, "Welcome back.");
        }
        await limits.HitAsync(limits.LoginFailures, this);
        PasskeyError = result.IsLockedOut
            ? Lockouts.Either
            : "That passkey didn't log you in. It may have been removed from your account; log in with your password instead.";
        return Page();
    }

    public string? PasskeyError { get; private set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [StringLength(254, ErrorMessage = "Email addresses are at most {1} characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(128, ErrorMessage = "Passwords are at most {1} characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me logged in")]
        public bool RememberMe { get; set; }
    }
}
