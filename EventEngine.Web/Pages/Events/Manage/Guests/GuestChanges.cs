using EventEngine.Web.Domain;
using EventEngine.Web.Data;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>A guest's fields as the activity log compares them.</summary>
public static class GuestChanges
{
    public static List<(string Field, string Value)> Snapshot(Guest g, string? household) =>
    [
        ("Name", g.DisplayName),
        ("Phone", g.Phone ?? ""),
        ("Email", g.Email ?? ""),
        ("Side", g.Side ?? ""),
        ("Status", g.Status.Label()),
        ("Plus-ones allowed", g.PlusOnesAllowed.ToString()),
        ("Plus-ones coming", g.PlusOnesComing.ToString()),
        ("Plus-one names", string.Join(", ", g.PlusOneNames)),
        ("Language", g.Language?.ToString() ?? "Same as the event"),
        ("Dietary needs", g.DietaryNeeds ?? ""),
        ("Table", g.TableName ?? ""),
        ("Tags", string.Join(", ", g.Tags)),
        ("Notes", g.Notes ?? ""),
        ("Household", household ?? ""),
    ];

    /// <summary>The guest's filled-in fields, one per line: what a deletion took away.</summary>
    public static string Describe(Guest g) =>
        string.Join("\n", Snapshot(g, g.Household?.Name).Skip(1).Where(f => f.Value is not ("" or "0" or "Same as the event"))
            .Select(f => $"{f.Field}: {ActivityLog.Show(f.Value)}"));
}
