using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Links;
using EventEngine.Web.Registrations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Registrations;

/// <summary>
/// The page behind a registration's link (decided by <see cref="RegistrationLinkFilter"/>): where the registration
/// stands, and the one next step: confirm a held place, take up or decline an offered one, or cancel.
/// </summary>
public class IndexModel(CurrentRegistration current, Capacity capacity) : PageModel
{
    public Registration Registration => current.Registration;
    public Event Event => current.Event;
    public string PagePath => $"/registrations/{current.Token}";

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostConfirmAsync() =>
        await capacity.ConfirmAsync(Registration.Id, HttpContext.RequestAborted)
            ? this.RedirectWithToast(PagePath, Registration.Status == RegistrationStatus.Offered ? "The place is yours. See you there." : "Your place is confirmed.")
            : this.RedirectWithToast(PagePath, "That can no longer be confirmed: see where your registration stands below.", ToastKind.Error);

    public async Task<IActionResult> OnPostCancelAsync() =>
        await capacity.CancelAsync(Registration.Id, HttpContext.RequestAborted)
            ? this.RedirectWithToast(PagePath, Registration.Status switch
            {
                RegistrationStatus.Offered => "You declined the place; it goes to the next person waiting.",
                RegistrationStatus.Waitlisted => "You left the waiting list.",
                _ => "Your registration is cancelled and your place freed for someone else.",
            })
            : this.RedirectWithToast(PagePath, "This registration was already cancelled.", ToastKind.Info);
}
