using EventEngine.Web.Data;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Organisations;

/// <summary>The cities, as a select list: "Berlin (DE)".</summary>
public static class CityOptions
{
    public static async Task<IReadOnlyList<SelectListItem>> ListAsync(AppDbContext db) =>
        (await db.Cities.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.Country }).ToListAsync())
            .Select(c => new SelectListItem($"{c.Name} ({c.Country})", c.Id.ToString()))
            .ToList();
}
