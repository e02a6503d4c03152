using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages;

/// <summary>The home page: for visitors, what's on soon and what EventEngine does; a logged-in person goes to their events.</summary>
public class IndexModel(CatalogQuery catalog) : PageModel
{
    public IReadOnlyList<CatalogQuery.Item> Upcoming { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true) return Redirect(Url.Page("/Events/Index")!);
        Upcoming = (await catalog.RunAsync(new CatalogQuery.Filter(), pageSize: 6)).Items.ToList();
        return Page();
    }
}
