using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

/// <summary>Logging out is a POST (with antiforgery) so that a link on another site cannot log anyone out.</summary>
public class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/");

    /// <summary>Where to go next: the invitation page sends a person logged in with the wrong account on to log in again.</summary>
    [BindProperty]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return this.RedirectWithToast(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/", "You have been logged out.");
    }
}
