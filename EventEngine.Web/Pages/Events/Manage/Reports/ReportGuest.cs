using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Needs = EventEngine.Web.Pages.Events.Manage.Guests.DietaryNeeds;

namespace EventEngine.Web.Pages.Events.Manage.Reports;

/// <summary>A guest as the PDFs show them.</summary>
public sealed record ReportGuest(
    Guid? HouseholdId, string? Household, string FirstName, string? LastName, string? Side, GuestStatus Status,
    int PlusOnesAllowed, int PlusOnesComing, List<string> PlusOneNames, List<string> PlusOneDietaryNeeds, string? DietaryNeeds, string? Table)
{
    /// <summary>Table names in the order people number them: "Table 2" before "Table 10".</summary>
    private static readonly StringComparer TableOrder =
        StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, System.Globalization.CompareOptions.NumericOrdering | System.Globalization.CompareOptions.IgnoreCase);

    public string Name => Guest.NameOf(FirstName, LastName);

    /// <summary>Last name first, as a list sorted by last name reads: "Cohen, Sarah".</summary>
    public string NameLastFirst => string.IsNullOrEmpty(LastName) ? FirstName : $"{LastName}, {FirstName}";

    public int Headcount => 1 + PlusOnesComing;

    /// <summary>Who comes with them: the named plus-ones, and "1 more" for those not named.</summary>
    public string? PlusOnesNote
    {
        get
        {
            if (PlusOnesComing == 0) return null;
            var named = PlusOneNames.Take(PlusOnesComing).ToList();
            var unnamed = PlusOnesComing - named.Count;
            if (unnamed > 0) named.Add($"{unnamed} more");
            return "With " + string.Join(", ", named);
        }
    }

    public IEnumerable<(string Person, string? Needs)> People => Needs.People(Name, DietaryNeeds, PlusOneNames, PlusOneDietaryNeeds);

    /// <summary>The guests table by table, in number order, then those without one ("No table yet").</summary>
    public static IEnumerable<(string Table, List<ReportGuest> Guests)> ByTable(IEnumerable<ReportGuest> guests) =>
        guests.GroupBy(g => g.Table ?? "").OrderBy(t => t.Key.Length == 0).ThenBy(t => t.Key, TableOrder)
            .Select(t => (t.Key.Length == 0 ? "No table yet" : t.Key, t.ToList()));

    /// <summary>The guests of the guest table's filter (all of them when it is empty), in the order the report lists them.</summary>
    public static Task<List<ReportGuest>> LoadAsync(IQueryable<Guest> filtered, Func<IQueryable<Guest>, IOrderedQueryable<Guest>> order) =>
        order(filtered).ThenBy(g => g.SortName).ThenBy(g => g.Id)
            .Select(g => new ReportGuest(g.HouseholdId, g.Household!.Name, g.FirstName, g.LastName, g.Side, g.Status, g.PlusOnesAllowed, g.PlusOnesComing,
                g.PlusOneNames, g.PlusOneDietaryNeeds, g.DietaryNeeds, g.TableName))
            .AsNoTracking().ToListAsync();
}
