using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Data;
using EventEngine.Web.Links;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Account;

public class RegisterModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, TeamInvitations invitations, AccountLimits limits, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

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
        // A name of nothing but direction controls is empty once they are taken out (see PlainText).
        var displayName = PlainText.Tidy(Input.DisplayName);
        if (displayName is null) ModelState.AddModelError("Input.DisplayName", "Enter your name.");
        if (!ModelState.IsValid) return Page();
        if (await limits.HitAsync(limits.Registrations, this) is { } wait) return AccountLimits.TooMany(this, wait);

        var email = Input.Email.Trim();
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName!, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(FieldFor(error.Code), MessageFor(error));
            return Page();
        }

        // The account works at once for its own events; the address is confirmed through the emailed link.
        db.OutboxMessages.Add(AccountEmails.Confirmation(user, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        return this.RedirectWithToast(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("/Events/Index")!,
            $"Welcome to EventEngine, {user.DisplayName}! We sent a link to {user.Email} to confirm your address.");
    }

    private static string FieldFor(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "Input.Password",
        "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => "Input.Email",
        _ => "",
    };

    private static string MessageFor(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => "An account with this email already exists. Log in instead?",
        "InvalidUserName" or "InvalidEmail" => "Enter a valid email address.",
        _ => error.Description,
    };

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Keep your name under {1} characters.")]
        [Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(254, ErrorMessage = "Email addresses are at most {1} characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(128, MinimumLength = 10, ErrorMessage = "Use at least {2} characters (at most {1}).")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords don't match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
