using EventEngine.Web.Domain;
using EventEngine.Web.Pdf;

namespace EventEngine.Web.Pages.Events.Manage.Reports;

/// <summary>One block per table with the guests seated there (all but those who declined), then those without a table.</summary>
public static class SeatingPlanPdf
{
    public static byte[] Render(ReportHeading heading, IReadOnlyList<ReportGuest> guests)
    {
        var document = new ReportDocument(heading);
        var seatable = guests.Where(g => g.Status != GuestStatus.Declined).ToList();
        var tableCount = seatable.Select(g => g.Table).Where(t => !string.IsNullOrEmpty(t)).Distinct().Count();
        var unseated = seatable.Count(g => g.Table is null);
        document.Paragraph(seatable.Count == 0 ? "There are no guests to seat yet."
            : $"{Plural.Of(tableCount, "table")}, {Plural.Of(seatable.Count - unseated, "guest")} seated, {Plural.Of(unseated, "guest")} without a table. " +
              "People counts include plus-ones who confirmed; guests who declined are left out.",
            new TextStyle(10, Color: ReportDocument.Ink), 8);
        if (seatable.Count == 0) return document.ToPdf();

        var plan = new ReportTable(document, [new("Guest", 46), new("Household", 30), new("People", 10, Right: true), new("Answer", 14)], fontSize: 10.5);
        foreach (var (table, seated) in ReportGuest.ByTable(seatable))
        {
            var waiting = seated.Count(g => g.Status == GuestStatus.Invited);
            plan.Group($"{table} · {Plural.Of(seated.Count, "guest")}, " +
                $"{Plural.Of(seated.Sum(g => g.Headcount), "person", "people")}{(waiting > 0 ? $" ({waiting} not answered)" : "")}");
            foreach (var g in seated)
                plan.Row(new ReportCell(g.Name, g.PlusOnesNote, Bold: true), g.Household ?? "", g.Headcount.ToString("N0"), g.Status.Label());
        }
        plan.End();
        return document.ToPdf();
    }
}
