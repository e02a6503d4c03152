using PdfSharp.Drawing;

namespace EventEngine.Web.Pdf;

/// <summary>A column: its heading and its share of the page's width. A tick-box column draws an empty square to tick by hand.</summary>
public sealed record ReportColumn(string Heading, double Share, bool Right = false, bool TickBox = false);

/// <summary>A cell's text, with an optional smaller grey note under it (e.g. a guest's plus-ones).</summary>
public sealed record ReportCell(string Text, string? Note = null, bool Bold = false)
{
    public static implicit operator ReportCell(string text) => new(text);
}

/// <summary>
/// A table that flows over pages: its column headings repeat at the top of each page, and so does the group a page
/// breaks in ("Cohen family (continued)"). Cells wrap; a row is never split between pages.
/// </summary>
public sealed class ReportTable
{
    private const double Padding = 4;
    private const int MaxLinesPerCell = 8;
    private readonly ReportDocument document;
    private readonly IReadOnlyList<ReportColumn> columns;
    private readonly TextStyle body, note, head;
    private string? group;

    public ReportTable(ReportDocument document, IReadOnlyList<ReportColumn> columns, double fontSize = 9.5)
    {
        this.document = document;
        this.columns = columns;
        body = new TextStyle(fontSize, Color: ReportDocument.Ink);
        note = new TextStyle(fontSize * 0.8, Color: ReportDocument.Muted);
        head = new TextStyle(Math.Min(fontSize, 10) * 0.85, Bold: true, ReportDocument.Muted);
        document.PageStarted = () =>
        {
            DrawHeadings();
            if (group is not null) DrawGroup($"{group} (continued)");
        };
        document.Reserve(HeadingHeight + 3 * OneLineRow);
        DrawHeadings();
    }

    private double HeadingHeight => head.LineHeight + 2 * Padding;

    /// <summary>Starts a group: a shaded row across the table, kept on the same page as its first rows.</summary>
    public void Group(string label)
    {
        group = null;
        document.Reserve(GroupHeight(label) + 2 * OneLineRow);
        group = label;
        DrawGroup(label);
    }

    public void Row(params ReportCell[] cells)
    {
        var g = document.Graphics;
        var laid = columns.Select((c, i) =>
        {
            var cell = i < cells.Length ? cells[i] : new ReportCell("");
            var width = ColumnWidth(c) - 2 * Padding;
            var style = cell.Bold ? body with { Bold = true } : body;
            return (Cell: cell, Style: style, Lines: PdfText.Wrap(g, cell.Text, style, width, MaxLinesPerCell),
                Notes: cell.Note is null ? [] : PdfText.Wrap(g, cell.Note, note, width, MaxLinesPerCell));
        }).ToList();
        var height = laid.Max(c => c.Lines.Count * c.Style.LineHeight + c.Notes.Count * note.LineHeight) + 2 * Padding;
        document.Reserve(height);
        g = document.Graphics;
        var x = document.Left;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var width = ColumnWidth(column);
            var (_, style, lines, notes) = laid[i];
            if (column.TickBox)
            {
                var side = Math.Min(body.Size * 1.2, width - 2 * Padding);
                g.DrawRectangle(new XPen(ReportDocument.Ink, 1), x + Padding, document.Y + Padding + 1, side, side);
            }
            var y = document.Y + Padding;
            var align = column.Right ? XStringAlignment.Far : XStringAlignment.Near;
            foreach (var line in lines) { PdfText.Draw(g, line, style, x + Padding, y, align, width - 2 * Padding); y += style.LineHeight; }
            foreach (var line in notes) { PdfText.Draw(g, line, note, x + Padding, y, align, width - 2 * Padding); y += note.LineHeight; }
            x += width;
        }
        document.Y += height;
        g.DrawLine(new XPen(ReportDocument.Rule, 0.5), document.Left, document.Y, document.Left + document.Width, document.Y);
    }

    /// <summary>Ends the table: later pages no longer repeat its headings.</summary>
    public void End()
    {
        document.PageStarted = null;
        document.Y += 10;
    }

    private double OneLineRow => body.LineHeight + 2 * Padding;

    private double GroupHeight(string label) => PdfText.Wrap(document.Graphics, label, body with { Bold = true }, document.Width - 2 * Padding).Count * body.LineHeight + 2 * Padding + 4;

    private double ColumnWidth(ReportColumn column) => document.Width * column.Share / columns.Sum(c => c.Share);

    private void DrawHeadings()
    {
        var g = document.Graphics;
        var x = document.Left;
        foreach (var column in columns)
        {
            var width = ColumnWidth(column);
            var text = PdfText.Wrap(g, column.Heading.ToUpperInvariant(), head, width - 2 * Padding, 1)[0];
            PdfText.Draw(g, text, head, x + Padding, document.Y + Padding, column.Right ? XStringAlignment.Far : XStringAlignment.Near, width - 2 * Padding);
            x += width;
        }
        document.Y += HeadingHeight;
        g.DrawLine(new XPen(ReportDocument.Ink, 0.8), document.Left, document.Y, document.Left + document.Width, document.Y);
    }

    private void DrawGroup(string label)
    {
        var g = document.Graphics;
        var style = body with { Bold = true };
        var lines = PdfText.Wrap(g, label, style, document.Width - 2 * Padding);
        var height = lines.Count * style.LineHeight + 2 * Padding;
        document.Y += 4;
        g.DrawRectangle(new XSolidBrush(ReportDocument.Shade), document.Left, document.Y, document.Width, height);
        var y = document.Y + Padding;
        foreach (var line in lines) { PdfText.Draw(g, line, style, document.Left + Padding, y); y += style.LineHeight; }
        document.Y += height;
    }
}
