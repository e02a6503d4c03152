using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Organisations;

/// <summary>A new organisation, with the person creating it as its Owner. Public features need a confirmed email address.</summary>
public class CreateModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public bool EmailConfirmed { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!EmailConfirmed) return Page();
        var now = clock.GetUtcNow().UtcDateTime;
        var logo = await OrganisationForm.CheckAsync(db, Input, ModelState, now);
        if (!ModelState.IsValid) return Page();

        var userId = User.GetUserId();
        var organisation = new Organisation { Id = Guid.NewGuid(), CreatedAt = now, CreatedById = userId };
        Input.ApplyTo(organisation);
        (organisation.LogoImageId, _) = ImageUpload.Replace(db, null, logo, remove: false);
        organisation.Members.Add(new OrganisationMember { UserId = userId, Role = OrganisationRole.Owner, JoinedAt = now });
        db.Organisations.Add(organisation);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Someone took the address between the check and the save.
            ModelState.AddModelError("Input.Slug", OrganisationForm.SlugTaken(organisation.Slug));
            return Page();
        }
        return this.RedirectWithToast(Url.Page("/Organisations/Manage/Index", new { organisationId = organisation.Id })!,
            $"“{organisation.Name}” is ready. You are its Owner.");
    }

    private async Task LoadAsync()
    {
        var userId = User.GetUserId();
        EmailConfirmed = await db.Users.Where(u => u.Id == userId).Select(u => u.EmailConfirmed).SingleAsync();
        await OrganisationForm.LoadAsync(db, ViewData);
    }
}
