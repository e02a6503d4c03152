using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Accounts;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

/// <summary>Delete my account (<see cref="AccountDeletion"/>), with the password, after the events only this account administers are handed over; and "Download my data".</summary>
[Authorize]
public class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountDeletion deletion, AccountData data, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your password to delete your account.")]
    [DataType(DataType.Password)]
    [Display(Name = "Your password")]
    public string Password { get; set; } = "";

    public IReadOnlyList<AccountDeletion.BlockingEvent> Blocking { get; private set; } = [];
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Email = user.Email!;
        Blocking = await deletion.BlockingEventsAsync(user.Id);
        return Page();
    }

    public async Task<IActionResult> OnGetDataAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var now = clock.GetUtcNow().UtcDateTime;
        return File(await data.ExportAsync(user, now), "application/json", $"eventengine-my-data-{now:yyyy-MM-dd}.json");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Email = user.Email!;
        Blocking = await deletion.BlockingEventsAsync(user.Id);
        if (!ModelState.IsValid) return Page();
        if (await Lockouts.WrongPasswordAsync(signIn, user, Password) is { } wrong)
        {
            ModelState.AddModelError(nameof(Password), wrong);
            return Page();
        }
        Blocking = await deletion.DeleteAsync(user);
        if (Blocking.Count > 0) return Page();
        await signIn.SignOutAsync();
        return this.RedirectWithToast("/", "Your account is deleted. Thank you for using EventEngine.", ToastKind.Info);
    }
}
