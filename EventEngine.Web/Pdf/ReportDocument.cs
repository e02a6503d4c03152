using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EventEngine.Web.Pdf;

/// <summary>What every report says about itself: on its first page, in its running header and footer, and in its metadata.</summary>
public sealed record ReportHeading(string Title, string EventName, string EventDetails, string Scope, string Generated, string Author);

/// <summary>
/// An A4 report being written top to bottom: the first page opens with the title and event, later pages with a
/// running header, and every page ends with "Page n of N" and when it was generated. Content asks for the height it
/// needs (<see cref="Reserve"/>); a new page starts when it does not fit, and <see cref="PageStarted"/> lets a table
/// repeat its header there.
/// </summary>
public sealed class ReportDocument
{
    public const double Margin = 40;
    private const double FooterHeight = 24;
    public static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x37), Muted = XColor.FromArgb(0x6B, 0x72, 0x80),
        Rule = XColor.FromArgb(0xD1, 0xD5, 0xDB), Shade = XColor.FromArgb(0xF3, 0xF4, 0xF6);

    private readonly PdfDocument document = new();
    private readonly ReportHeading heading;
    private XGraphics? graphics;

    public ReportDocument(ReportHeading heading)
    {
        this.heading = heading;
        document.Info.Title = $"{heading.Title}: {heading.EventName}";
        document.Info.Author = heading.Author;
        document.Info.Subject = heading.EventName;
        document.Info.Creator = "EventEngine";
        document.PageLayout = PdfPageLayout.SinglePage;
        NewPage();
        DrawTitle();
    }

    public XGraphics Graphics => graphics!;
    public double Y { get; set; }
    public double Left => Margin;
    public double Width => PageWidth - 2 * Margin;
    public double PageWidth { get; private set; }
    private double Bottom => PageHeight - Margin - FooterHeight;
    private double PageHeight { get; set; }

    /// <summary>Runs at the top of each new page after the running header, e.g. to repeat a table's column headings.</summary>
    public Action? PageStarted { get; set; }

    /// <summary>Makes room for content of this height, starting a new page if the current one is too full.</summary>
    public void Reserve(double height)
    {
        if (Y + height <= Bottom) return;
        NewPage();
        PageStarted?.Invoke();
    }

    /// <summary>Draws wrapped text across the page and moves down past it.</summary>
    public void Paragraph(string text, TextStyle style, double spaceAfter = 6)
    {
        foreach (var line in PdfText.Wrap(Graphics, text, style, Width))
        {
            Reserve(style.LineHeight);
            PdfText.Draw(Graphics, line, style, Left, Y);
            Y += style.LineHeight;
        }
        Y += spaceAfter;
    }

    public void Heading(string text, double spaceBefore = 10)
    {
        var style = new TextStyle(13, Bold: true, Ink);
        Reserve(spaceBefore + style.LineHeight * 3); // never a heading alone at the foot of a page
        Y += spaceBefore;
        Paragraph(text, style, 4);
    }

    /// <summary>Finishes the pages (footers need the page count) and returns the PDF.</summary>
    public byte[] ToPdf()
    {
        graphics?.Dispose();
        graphics = null;
        var footer = new TextStyle(8, Color: Muted);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin - footer.LineHeight;
            g.DrawLine(new XPen(Rule, 0.5), Margin, y - 6, page.Width.Point - Margin, y - 6);
            var left = PdfText.Wrap(g, $"{heading.Title} · {heading.Generated}", footer, page.Width.Point - 2 * Margin - 80, 1)[0];
            PdfText.Draw(g, left, footer, Margin, y);
            PdfText.Draw(g, $"Page {i + 1} of {document.PageCount}", footer, Margin, y, XStringAlignment.Far, page.Width.Point - 2 * Margin);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        (PageWidth, PageHeight) = (page.Width.Point, page.Height.Point);
        graphics = XGraphics.FromPdfPage(page);
        Y = Margin;
        if (document.PageCount == 1) return;
        var style = new TextStyle(8, Color: Muted);
        var name = PdfText.Wrap(Graphics, heading.EventName, style, Width * 0.6, 1)[0];
        PdfText.Draw(Graphics, name, style, Left, Y);
        PdfText.Draw(Graphics, heading.Title, style, Left, Y, XStringAlignment.Far, Width);
        Graphics.DrawLine(new XPen(Rule, 0.5), Left, Y + 14, Left + Width, Y + 14);
        Y += 28;
    }

    private void DrawTitle()
    {
        Paragraph(heading.Title, new TextStyle(22, Bold: true, Ink), 2);
        Paragraph(heading.EventName, new TextStyle(14, Bold: true, Ink), 2);
        if (heading.EventDetails.Length > 0) Paragraph(heading.EventDetails, new TextStyle(10, Color: Ink), 2);
        Paragraph(heading.Scope, new TextStyle(9, Color: Muted), 2);
        Paragraph($"Generated {heading.Generated} by {heading.Author}", new TextStyle(9, Color: Muted), 8);
        Graphics.DrawLine(new XPen(Rule, 1), Left, Y, Left + Width, Y);
        Y += 14;
    }
}
