using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Accounts;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

/// <summary>
/// Two-factor with an authenticator app, on Identity's own machinery: its authenticator key, its TOTP check and its
/// recovery codes (ten, each works once). Turning it on or off changes the security stamp, so other logins end; this
/// browser's login is renewed. The account's address is told of either change.
/// </summary>
[Authorize]
[RecentPassword]
public class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, TimeProvider clock) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code your app shows.")]
    [Display(Name = "Code from the app")]
    public string Code { get; set; } = "";

    public bool Enabled { get; private set; }
    public int CodesLeft { get; private set; }
    public string Key { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    /// <summary>Shown once, right after they are made.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage();
        await ShowAsync(user);
        if (!ModelState.IsValid) return Page();
        var code = new string(Code.Where(char.IsDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code didn't match. Check that the app's clock is right and type the code it shows now.");
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await TellAsync(user, "Two-factor login is on for your EventEngine account",
            "Logging in to your account now needs a code from your authenticator app (or a recovery code) as well as the password.");
        await signIn.RefreshSignInAsync(user);
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostNewCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        ModelState.Clear();
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage("/Account/Index");
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key, so the app that holds the old one cannot be used if two-factor is turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await TellAsync(user, "Two-factor login is off for your EventEngine account",
            "Logging in to your account now needs only the password. You can turn two-factor on again from your account page.");
        await signIn.RefreshSignInAsync(user);
        return this.RedirectWithToast(Url.Page("/Account/Index")!, "Two-factor login is off.", ToastKind.Info);
    }

    private async Task ShowAsync(AppUser user)
    {
        Enabled = user.TwoFactorEnabled;
        CodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        Key = AuthenticatorQr.Readable(key);
        QrCode = AuthenticatorQr.PngDataUri(AuthenticatorQr.Uri(user.Email!, key));
    }

    private async Task TellAsync(AppUser user, string subject, string what)
    {
        db.OutboxMessages.Add(AccountEmails.Notice(user, user.Email!, subject, what, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }
}
