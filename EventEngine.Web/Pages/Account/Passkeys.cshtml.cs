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
/// An account's passkeys, on Identity's own passkey support: the page asks Identity for the creation options, the
/// browser makes the key (passkeys.js), and Identity checks what comes back before it is stored. Like two-factor, it
/// needs the password typed recently, and the account's address is told when a passkey is added.
/// </summary>
[Authorize]
[RecentPassword]
public class PasskeysModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxPasskeys = 10;

    [BindProperty]
    [Required(ErrorMessage = "Your browser did not send a passkey. Try again.")]
    public string CredentialJson { get; set; } = "";

    [BindProperty]
    [StringLength(PasskeyNames.MaxLength, ErrorMessage = "Keep the name under {1} characters.")]
    [Display(Name = "Name it")]
    public string? Name { get; set; }

    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];
    public string SuggestedName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await ShowAsync(user);
        return Page();
    }

    /// <summary>What the browser needs to make a passkey (the challenge is kept by Identity in a cookie of its own).</summary>
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var json = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = user.Email!,
            DisplayName = user.DisplayName,
        });
        return Content(json, "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await ShowAsync(user);
        if (!ModelState.IsValid) return Page();
        if (Passkeys.Count >= MaxPasskeys)
        {
            ModelState.AddModelError(nameof(CredentialJson), $"An account can have {MaxPasskeys} passkeys. Remove one you no longer use first.");
            return Page();
        }
        var attestation = await signIn.PerformPasskeyAttestationAsync(CredentialJson);
        if (!attestation.Succeeded)
        {
            ModelState.AddModelError(nameof(CredentialJson), "That passkey could not be added. Try again, or use another device.");
            return Page();
        }
        var passkey = attestation.Passkey;
        passkey.Name = PlainText.Tidy(Name) ?? SuggestedName;
        await users.AddOrUpdatePasskeyAsync(user, passkey);
        db.OutboxMessages.Add(AccountEmails.Notice(user, user.Email!, "A passkey was added to your EventEngine account",
            $"The passkey \"{passkey.Name}\" can now log in to your account without the password.", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        return this.RedirectWithToast(Url.Page("/Account/Passkeys")!, $"Passkey \"{passkey.Name}\" added. Next time, log in with it.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var credentialId = PasskeyNames.IdFrom(id);
        var passkey = credentialId is null ? null : await users.GetPasskeyAsync(user, credentialId);
        if (passkey is null) return this.RedirectWithToast(Url.Page("/Account/Passkeys")!, "That passkey was already removed.", ToastKind.Info);
        await users.RemovePasskeyAsync(user, credentialId!);
        return this.RedirectWithToast(Url.Page("/Account/Passkeys")!, $"Passkey \"{passkey.Name}\" removed. It no longer logs in.");
    }

    private async Task ShowAsync(AppUser user)
    {
        Passkeys = (await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt).ToList();
        SuggestedName = PasskeyNames.Suggest(Request.Headers.UserAgent.ToString());
    }
}
