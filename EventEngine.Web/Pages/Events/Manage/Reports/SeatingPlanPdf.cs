using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Events.Manage.Reports;

/// <summary>One block per table with the guests seated there (all but those who declined), then those without a table.</summary>
public static class SeatingPlanPdf
{
    public static byte[] Render(ReportHeading heading, IReadOnlyList<ReportGuest> guests)
    {
        var document = new ReportDocument(heading);
        var seatable = guests.Where(g => g.Status != GuestStatus.Declined).ToList();
        var tables = seatable.GroupBy(g => g.Table ?? "").OrderBy(t => t.Key.Length == 0).ThenBy(t => t.Key, ReportGuest.TableOrder).ToList();
        var tableCount = tables.Count(t => t.Key.Length > 0);
        var unseated = seatable.Count(g => g.Table is null);
        document.Paragraph(seatable.Count == 0 ? "There are no guests to seat yet."
            : $"{GuestListPdf.Plural(tableCount, "table")}, {GuestListPdf.Plural(seatable.Count - unseated, "guest")} seated, {GuestListPdf.Plural(unseated, "guest")} without a table. " +
              "People counts include plus-ones who confirmed; guests who declined are left out.",
            new TextStyle(10, Color: ReportDocument.Ink), 8);
        if (seatable.Count == 0) return document.ToPdf();

        var plan = new ReportTable(document, [new("Guest", 46), new("Household", 30), new("People", 10, Right: true), new("Answer", 14)], fontSize: 10.5);
        foreach (var table in tables)
        {
            var waiting = table.Count(g => g.Status == GuestStatus.Invited);
            plan.Group($"{(table.Key.Length == 0 ? "No table yet" : table.Key)} · {GuestListPdf.Plural(table.Count(), "guest")}, " +
                $"{GuestListPdf.Plural(table.Sum(g => g.Headcount), "person", "people")}{(waiting > 0 ? $" ({waiting} not answered)" : "")}");
            foreach (var g in table)
                plan.Row(new ReportCell(g.Name, g.PlusOnesNote, Bold: true), g.Household ?? "", g.Headcount.ToString("N0"), ReportGuest.StatusLabel(g.Status));
        }
        plan.End();
        return document.ToPdf();
    }
}
