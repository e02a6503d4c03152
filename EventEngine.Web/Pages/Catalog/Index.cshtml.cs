using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using EventEngine.Web.Messaging;

namespace EventEngine.Web.Pages.Catalog;

/// <summary>
/// The catalog, for anyone, at /discover and /cities/{city}: upcoming published events, filtered by words, city, day,
/// category and price. The filter lives in the address (a plain GET form), so it works without JavaScript and can be
/// shared; htmx swaps in the results (and the heading and the dates' message) from the page it gets back.
/// </summary>
public class IndexModel(AppDbContext db, CatalogQuery catalog, IOptions<AppOptions> app) : PageModel
{
    public string BaseUrl => app.Value.BaseUrl.TrimEnd('/');
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public EventCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public CatalogWhen When { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public CatalogPrice Price { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Words { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? AfterStart { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? AfterId { get; set; }
    [BindProperty(SupportsGet = true)] public float? AfterRank { get; set; }

    public CatalogQuery.Page Results { get; private set; } = new([], null);
    public IReadOnlyList<City> Cities { get; private set; } = [];
    public City? ChosenCity { get; private set; }
    /// <summary>The calendar feed that matches the filter, when there is one: the city's, else the category's.</summary>
    public string? FeedPath => ChosenCity is { } city ? CalendarFeeds.CityPath(city.Slug) : Category is { } c ? CalendarFeeds.CategoryPath(c) : null;

    public async Task<IActionResult> OnGetAsync()
    {
        Cities = await db.Cities.AsNoTracking().OrderBy(c => c.Name).ToListAsync();
        ChosenCity = Cities.FirstOrDefault(c => c.Slug == City);
        if (ChosenCity is null && RouteData.Values.ContainsKey("city")) return NotFound();
        if (ChosenCity is null) City = null;
        if (Category is { } c && !Enum.IsDefined(c)) Category = null;
        if (!Enum.IsDefined(When)) When = CatalogWhen.Upcoming;
        if (!Enum.IsDefined(Price)) Price = CatalogPrice.Any;
        Words = Words?.Trim() is { Length: > 0 } typed ? typed[..Math.Min(typed.Length, 200)] : null;
        if (From is not null || To is not null) When = CatalogWhen.Dates;
        if (When == CatalogWhen.Dates && From is { } from && To is { } to && to < from)
        {
            ModelState.AddModelError(nameof(To), "The last day is before the first. Choose a later one.");
            To = null;
        }
        var after = AfterStart is { } start && AfterId is { } id ? new CatalogQuery.Cursor(DateTime.SpecifyKind(start, DateTimeKind.Utc), id, AfterRank) : null;
        Results = await catalog.RunAsync(new CatalogQuery.Filter
        {
            City = City,
            Category = Category,
            When = When,
            From = From,
            To = To,
            Price = Price,
            Words = Words,
            After = after,
        });
        // htmx takes the results from the whole page, and the heading and the dates' message with them (hx-select-oob).
        return Page();
    }

    /// <summary>This filter's address, for the next page or a feed; null values are left out.</summary>
    public string QueryString(CatalogQuery.Cursor? after = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Words,
            ["city"] = City,
            ["category"] = Category?.ToString(),
            ["when"] = When == CatalogWhen.Upcoming ? null : When.ToString(),
            ["from"] = From?.ToString("yyyy-MM-dd"),
            ["to"] = To?.ToString("yyyy-MM-dd"),
            ["price"] = Price == CatalogPrice.Any ? null : Price.ToString(),
            ["afterStart"] = after?.Start.ToString("o"),
            ["afterId"] = after?.Id.ToString(),
            ["afterRank"] = after?.Rank?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", values.Where(v => v.Value is not null)!);
    }

    public static string Label(CatalogWhen when) => when switch
    {
        CatalogWhen.Upcoming => "Any day",
        CatalogWhen.Today => "Today",
        CatalogWhen.Tomorrow => "Tomorrow",
        CatalogWhen.Weekend => "This weekend",
        CatalogWhen.Week => "Next 7 days",
        _ => "Choose dates",
    };

    public static string Label(CatalogPrice price) => price switch
    {
        CatalogPrice.Free => "Free",
        CatalogPrice.Paid => "Paid",
        _ => "Free or paid",
    };
}
