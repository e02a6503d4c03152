using EventEngine.Web.Domain;
using EventEngine.Web.Pdf;

namespace EventEngine.Web.Pages.Events.Manage.Reports;

/// <summary>Every guest of the filter, grouped by household or by side, with their answer, plus-ones and table.</summary>
public static class GuestListPdf
{
    public static byte[] Render(ReportHeading heading, IReadOnlyList<ReportGuest> guests, bool bySide)
    {
        var document = new ReportDocument(heading);
        var summary = new TextStyle(10, Color: ReportDocument.Ink);
        if (guests.Count == 0)
        {
            document.Paragraph("There are no guests to list yet.", summary);
            return document.ToPdf();
        }
        document.Paragraph(Totals(guests), summary, 8);
        var table = new ReportTable(document,
        [
            new("Guest", 34), new(bySide ? "Household" : "Side", 22), new("Answer", 12), new("Plus-ones", 12, Right: true), new("Table", 16),
        ]);
        var groups = bySide
            ? guests.GroupBy(g => g.Side ?? "", (key, members) => (Label: key.Length == 0 ? "No side" : key, Members: members.ToList()))
            : guests.GroupBy(g => g.HouseholdId, (_, members) => (Label: members.First().Household ?? "No household", Members: members.ToList()));
        foreach (var (label, members) in groups)
        {
            table.Group($"{label} · {Totals(members)}");
            foreach (var g in members)
                table.Row(new ReportCell(g.Name, g.PlusOnesNote, Bold: true), (bySide ? g.Household : g.Side) ?? "", g.Status.Label(),
                    PlusOnes(g), g.Table ?? "");
        }
        table.End();
        return document.ToPdf();
    }

    /// <summary>"12 guests · 8 confirmed · 1 declined · 3 waiting · 11 people coming", leaving out answers no one gave.</summary>
    private static string Totals(IReadOnlyCollection<ReportGuest> guests)
    {
        var parts = new List<string> { Plural.Of(guests.Count, "guest") };
        foreach (var status in new[] { GuestStatus.Confirmed, GuestStatus.Declined, GuestStatus.Invited })
            if (guests.Count(g => g.Status == status) is > 0 and var count) parts.Add($"{count:N0} {status.Label().ToLowerInvariant()}");
        parts.Add($"{Plural.Of(guests.Where(g => g.Status == GuestStatus.Confirmed).Sum(g => g.Headcount), "person", "people")} coming");
        return string.Join(" · ", parts);
    }

    private static string PlusOnes(ReportGuest g) => g.PlusOnesAllowed == 0 ? "—"
        : g.Status == GuestStatus.Confirmed ? $"{g.PlusOnesComing} of {g.PlusOnesAllowed}" : $"up to {g.PlusOnesAllowed}";
}
