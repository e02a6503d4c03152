using EventEngine.Web.Domain;
using EventEngine.Web.Pdf;

namespace EventEngine.Web.Pages.Events.Manage.Reports;

/// <summary>
/// The confirmed guests in last-name order, in large type to read standing at the door, each with an empty box to tick
/// on arrival, their household, their table (so the door can send them to it) and how many people they bring.
/// </summary>
public static class DoorListPdf
{
    public static byte[] Render(ReportHeading heading, IReadOnlyList<ReportGuest> guests)
    {
        var document = new ReportDocument(heading);
        var summary = new TextStyle(11, Color: ReportDocument.Ink);
        var confirmed = guests.Where(g => g.Status == GuestStatus.Confirmed).ToList();
        var notListed = guests.Count - confirmed.Count;
        document.Paragraph(confirmed.Count == 0 ? "No guests have confirmed yet, so there is no one to list."
            : $"{Plural.Of(confirmed.Count, "guest")} confirmed, {Plural.Of(confirmed.Sum(g => g.Headcount), "person", "people")} expected. Tick each guest as they arrive.",
            summary, 2);
        if (notListed > 0)
            document.Paragraph($"Not listed: {Plural.Of(notListed, "guest")} not confirmed (declined or still to answer).", new TextStyle(9, Color: ReportDocument.Muted), 8);
        if (confirmed.Count == 0) return document.ToPdf();

        var table = new ReportTable(document, [new("", 6, TickBox: true), new("Guest", 42), new("Household", 24), new("Table", 16), new("People", 12, Right: true)], fontSize: 14);
        foreach (var letter in confirmed.GroupBy(Initial))
        {
            table.Group(letter.Key);
            foreach (var g in letter)
                table.Row("", new ReportCell(g.NameLastFirst, g.PlusOnesNote, Bold: true), g.Household ?? "", g.Table ?? "", g.Headcount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        table.End();
        return document.ToPdf();
    }

    /// <summary>The letter the guest is filed under: their last name's first letter (else their only name's), without accents.</summary>
    private static string Initial(ReportGuest g)
    {
        var name = (string.IsNullOrEmpty(g.LastName) ? g.FirstName : g.LastName).Trim();
        if (name.Length == 0) return "#";
        var first = System.Globalization.StringInfo.GetNextTextElement(name).Normalize(System.Text.NormalizationForm.FormD)[..1];
        return char.IsLetter(first[0]) ? first.ToUpperInvariant() : "#";
    }
}
