using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Catalog;

/// <summary>
/// The catalog, for anyone: upcoming published events, filtered by city, day and category. The filter lives in the
/// address (a plain GET form), so it works without JavaScript and can be shared; htmx swaps only the results.
/// </summary>
public class IndexModel(AppDbContext db, CatalogQuery catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public EventCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public CatalogWhen When { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? AfterStart { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? AfterId { get; set; }

    public CatalogQuery.Page Results { get; private set; } = new([], null);
    public IReadOnlyList<City> Cities { get; private set; } = [];
    public City? ChosenCity { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Cities = await db.Cities.AsNoTracking().OrderBy(c => c.Name).ToListAsync();
        ChosenCity = Cities.FirstOrDefault(c => c.Slug == City);
        if (ChosenCity is null) City = null;
        if (Category is { } c && !Enum.IsDefined(c)) Category = null;
        if (!Enum.IsDefined(When)) When = CatalogWhen.Upcoming;
        var after = AfterStart is { } start ? DateTime.SpecifyKind(start, DateTimeKind.Utc) : (DateTime?)null;
        Results = await catalog.RunAsync(new CatalogQuery.Filter(City, Category, When, after, AfterId));
        return this.PartialOrPage("_CatalogResults", this);
    }

    public static string Label(CatalogWhen when) => when switch
    {
        CatalogWhen.Upcoming => "Any day",
        CatalogWhen.Today => "Today",
        CatalogWhen.Tomorrow => "Tomorrow",
        CatalogWhen.Weekend => "This weekend",
        _ => "Next 7 days",
    };
}
