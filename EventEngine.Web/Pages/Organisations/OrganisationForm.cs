using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Organisations;

/// <summary>What the create and settings pages share around <see cref="OrganisationInput"/>.</summary>
public static class OrganisationForm
{
    public static async Task LoadAsync(AppDbContext db, ViewDataDictionary viewData, Guid? logoId = null)
    {
        viewData["Cities"] = await CityOptions.ListAsync(db);
        viewData["LogoId"] = logoId;
    }

    /// <summary>Checks what needs the database or the file; returns the decoded logo when one was sent and is good.</summary>
    public static async Task<StoredImage?> CheckAsync(AppDbContext db, OrganisationInput input, ModelStateDictionary modelState, DateTime now, Guid? self = null)
    {
        if (input.HomeCityId is { } city && !await db.Cities.AnyAsync(c => c.Id == city))
            modelState.AddModelError("Input.HomeCityId", "Choose a city from the list.");
        if (modelState.IsValid && await db.Organisations.AnyAsync(o => o.Slug == input.SlugOrFromName && o.Id != self))
            modelState.AddModelError("Input.Slug", SlugTaken(input.SlugOrFromName));
        if (input.Logo is not { Length: > 0 } file) return null;
        var upload = await ImageUpload.ReadAsync(file, now);
        if (upload.Error is { } error) modelState.AddModelError("Input.Logo", error);
        return upload.Image;
    }

    public static string SlugTaken(string slug) => $"Another organisation uses /orgs/{slug}. Choose another web address.";
}
