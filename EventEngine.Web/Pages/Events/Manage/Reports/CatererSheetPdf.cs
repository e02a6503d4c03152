using EventEngine.Web.Domain;
using EventEngine.Web.Pages.Events.Manage.Guests;
using EventEngine.Web.Pdf;

namespace EventEngine.Web.Pages.Events.Manage.Reports;

/// <summary>
/// What the caterer needs: meals for everyone confirmed (guests and their plus-ones), the special needs with the people
/// behind each, and the same per table when tables are set, so each table's plates can be prepared.
/// </summary>
public static class CatererSheetPdf
{
    public static byte[] Render(ReportHeading heading, IReadOnlyList<ReportGuest> guests)
    {
        var document = new ReportDocument(heading);
        var confirmed = guests.Where(g => g.Status == GuestStatus.Confirmed).ToList();
        var waiting = guests.Where(g => g.Status == GuestStatus.Invited).ToList();
        var meals = confirmed.Sum(g => g.Headcount);
        document.Paragraph($"Meals: {meals:N0}", new TextStyle(16, Bold: true, ReportDocument.Ink), 2);
        document.Paragraph(meals == 0 ? "No guests have confirmed yet."
            : $"{Plural.Of(confirmed.Count, "guest")} and {Plural.Of(meals - confirmed.Count, "plus-one")} who confirmed.",
            new TextStyle(10, Color: ReportDocument.Ink), 2);
        if (waiting.Count > 0)
            document.Paragraph($"Not counted yet: {Plural.Of(waiting.Count, "guest")} still to answer (up to {Plural.Of(waiting.Sum(g => 1 + g.PlusOnesAllowed), "person", "people")}).",
                new TextStyle(9, Color: ReportDocument.Muted), 2);
        if (meals == 0) return document.ToPdf();

        document.Heading("Dietary needs");
        var needs = NeedsTable(document);
        Rows(needs, confirmed, meals);
        needs.End();

        if (confirmed.All(g => g.Table is null)) return document.ToPdf();
        document.Heading("By table");
        var byTable = NeedsTable(document);
        foreach (var (table, seated) in ReportGuest.ByTable(confirmed))
        {
            var tableMeals = seated.Sum(g => g.Headcount);
            byTable.Group($"{table} · {Plural.Of(tableMeals, "meal")}");
            Rows(byTable, seated, tableMeals);
        }
        byTable.End();
        return document.ToPdf();
    }

    private static ReportTable NeedsTable(ReportDocument document) =>
        new(document, [new("Need", 26), new("Meals", 10, Right: true), new("Who", 64)], fontSize: 10);

    /// <summary>One row per need, then the meals with no special need (people with several needs count once there).</summary>
    private static void Rows(ReportTable table, IReadOnlyList<ReportGuest> guests, int meals)
    {
        var needs = DietaryNeeds.Summarise(guests.SelectMany(g => g.People));
        foreach (var need in needs)
            table.Row(new ReportCell(need.Need, Bold: true), need.People.Count.ToString("N0"), string.Join(", ", need.People));
        var standard = meals - needs.SelectMany(n => n.People).Distinct().Count();
        if (standard > 0) table.Row("No special needs", standard.ToString("N0"), "");
    }
}
