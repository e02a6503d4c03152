using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Accounts;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Staff;

/// <summary>
/// Who is staff: administrators only (the page's policy). The site keeps at least one administrator here; the
/// command on the server can always make another.
/// </summary>
public class RolesModel(AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the email address of their account.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Their account's email")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Display(Name = "Role")]
    public SiteRole Role { get; set; } = SiteRole.Moderator;

    public IReadOnlyList<AppUser> Staff { get; private set; } = [];

    public async Task OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostGrantAsync()
    {
        await ShowAsync();
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is null || user.DeletedAt is not null)
        {
            ModelState.AddModelError(nameof(Email), "No account uses that address. Ask them to create one first.");
            return Page();
        }
        var me = (await users.GetUserAsync(User))!;
        if (user.Id == me.Id && Role != SiteRole.Administrator && await AdministratorsAsync() == 1)
        {
            ModelState.AddModelError(nameof(Role), "You are the only administrator. Make someone else one first.");
            return Page();
        }
        var before = user.SiteRole;
        if (before == Role) return this.RedirectWithToast(Url.Page("/Staff/Roles")!, $"{user.Email} is already {Role.ToString().ToLowerInvariant()}.", ToastKind.Info);
        user.SiteRole = Role;
        StaffLog.Add(db, me, StaffActionKind.RoleGranted, user, before is null ? $"Made {Role}" : $"Made {Role} (was {before})", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return this.RedirectWithToast(Url.Page("/Staff/Roles")!, $"{user.DisplayName} is now {Article(Role)} {Role}.");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var back = Url.Page("/Staff/Roles")!;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id);
        if (user?.SiteRole is not { } was) return this.RedirectWithToast(back, "That account is not staff.", ToastKind.Info);
        if (was == SiteRole.Administrator && await AdministratorsAsync() == 1)
            return this.RedirectWithToast(back, "The site needs an administrator. Make someone else one first.", ToastKind.Error);
        user.SiteRole = null;
        StaffLog.Add(db, await users.GetUserAsync(User), StaffActionKind.RoleRevoked, user, $"No longer {was}", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return this.RedirectWithToast(back, $"{user.DisplayName} is no longer staff.");
    }

    private Task<int> AdministratorsAsync() => db.Users.CountAsync(u => u.SiteRole == SiteRole.Administrator && u.DeletedAt == null);

    private async Task ShowAsync() =>
        Staff = await db.Users.Where(u => u.SiteRole != null).OrderByDescending(u => u.SiteRole).ThenBy(u => u.DisplayName).ToListAsync();

    public static string Article(SiteRole role) => role == SiteRole.Administrator ? "an" : "a";
}
