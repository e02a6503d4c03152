using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Staff;

/// <summary>Everything staff did, newest first: who, to which account, what.</summary>
public class LogModel(AppDbContext db) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<StaffAction> Actions { get; private set; } = [];

    public async Task OnGetAsync() =>
        Actions = await db.StaffActions.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(PageSize).ToListAsync();
}
