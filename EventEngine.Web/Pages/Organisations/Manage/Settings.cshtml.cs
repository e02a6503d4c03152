using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Organisations.Manage;

/// <summary>The organisation's public profile: name, address, about, website, contact, home city and logo. Owners only.</summary>
[RequireOrganisationPermission(OrganisationPermission.EditProfile)]
public class SettingsModel(AppDbContext db, CurrentOrganisation current, TimeProvider clock) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public string OrganisationName { get; private set; } = "";
    public Guid OrganisationId => current.OrganisationId;

    public async Task OnGetAsync()
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == current.OrganisationId);
        OrganisationName = organisation.Name;
        Input = OrganisationInput.From(organisation);
        await OrganisationForm.LoadAsync(db, ViewData, organisation.LogoImageId);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var organisation = await db.Organisations.SingleAsync(o => o.Id == current.OrganisationId);
        OrganisationName = organisation.Name;
        var logo = await OrganisationForm.CheckAsync(db, Input, ModelState, clock.GetUtcNow().UtcDateTime, organisation.Id);
        if (!ModelState.IsValid)
        {
            await OrganisationForm.LoadAsync(db, ViewData, organisation.LogoImageId);
            return Page();
        }
        Input.ApplyTo(organisation);
        (organisation.LogoImageId, var replaced) = ImageUpload.Replace(db, organisation.LogoImageId, logo, Input.RemoveLogo);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Slug", OrganisationForm.SlugTaken(organisation.Slug));
            await OrganisationForm.LoadAsync(db, ViewData, null);
            return Page();
        }
        await ImageUpload.DeleteAsync(db, replaced);
        return this.RedirectWithToast(Url.Page("/Organisations/Manage/Index", new { organisationId = organisation.Id })!, "Profile saved.");
    }
}
