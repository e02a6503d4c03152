using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Organisations.Manage.Events;

/// <summary>What the new-event and edit pages share around <see cref="PublicEventInput"/>: the lists the fields offer and
/// the checks that need the database or the uploaded file.</summary>
public static class PublicEventForm
{
    public static async Task LoadAsync(AppDbContext db, ViewDataDictionary viewData, Guid? imageId = null)
    {
        viewData["Cities"] = await CityOptions.ListAsync(db);
        viewData["Currencies"] = await CurrenciesAsync(db);
        viewData["ImageId"] = imageId;
    }

    /// <summary>The currencies of the countries the cities are in: the ones a price may be in.</summary>
    private static async Task<IReadOnlyList<string>> CurrenciesAsync(AppDbContext db) =>
        Prices.Codes(await db.Cities.Select(c => c.Country).Distinct().ToListAsync());

    /// <summary>The chosen city and the decoded picture (null when none was sent); problems go to the field that caused them.</summary>
    public static async Task<(City? City, StoredImage? Image)> CheckAsync(AppDbContext db, PublicEventInput input, ModelStateDictionary modelState, DateTime now)
    {
        var city = input.CityId is { } id ? await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) : null;
        if (input.CityId is not null && city is null) modelState.AddModelError("Input.CityId", "Choose a city from the list.");
        if (input.Category is { } category && !Enum.IsDefined(category)) modelState.AddModelError("Input.Category", "Choose a category from the list.");
        if (input.Currency is { } currency && !(await CurrenciesAsync(db)).Contains(currency))
            modelState.AddModelError("Input.Currency", "Choose a currency from the list.");
        if (input.Image is not { Length: > 0 } file) return (city, null);
        var upload = await ImageUpload.ReadAsync(file, now);
        if (upload.Error is { } error) modelState.AddModelError("Input.Image", error);
        return (city, upload.Image);
    }
}
