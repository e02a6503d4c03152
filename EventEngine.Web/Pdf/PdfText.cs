using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace EventEngine.Web.Pdf;

public sealed record TextStyle(double Size, bool Bold = false, XColor? Color = null)
{
    public double LineHeight => Size * 1.3;
    public XBrush Brush => new XSolidBrush(Color ?? XColors.Black);
}

/// <summary>
/// Measures, wraps and draws text that may mix scripts and directions. Lines are wrapped in the order typed, then each
/// line is put in drawing order (<see cref="VisualOrder"/>) and drawn as runs, each in the first font that has its
/// characters, so a Chinese name in a list of Latin ones is drawn with the fallback font instead of boxes.
/// </summary>
public static class PdfText
{
    private const string Ellipsis = "…";
    // Per thread: PDFsharp's objects are not meant to be shared between threads, and a PDF is drawn on one.
    [ThreadStatic] private static Dictionary<(string Family, double Size, bool Bold), XFont>? fonts;

    /// <summary>The lines, in drawing order, that hold the text within the width; the last is cut with "…" if there are more.</summary>
    public static IReadOnlyList<string> Wrap(XGraphics graphics, string text, TextStyle style, double width, int maxLines = int.MaxValue)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            if (Fits(graphics, paragraph, style, width))
            {
                lines.Add(paragraph); // most cells: one measurement
                continue;
            }
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(graphics, candidate, style, width)) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                // A word wider than the column (a long name with no spaces) breaks between characters.
                while (!Fits(graphics, line, style, width))
                {
                    var piece = LongestFitting(graphics, line, style, width);
                    lines.Add(piece);
                    line = line[piece.Length..];
                }
            }
            lines.Add(line);
        }
        if (lines.Count > maxLines)
        {
            var last = lines[maxLines - 1];
            while (last.Length > 0 && !Fits(graphics, last + Ellipsis, style, width)) last = last[..PreviousBoundary(last)];
            lines = [.. lines.Take(maxLines - 1), last.TrimEnd() + Ellipsis];
        }
        return [.. lines.Select(VisualOrder.Of)];
    }

    /// <summary>Draws one line (already in drawing order) with its top at y.</summary>
    public static void Draw(XGraphics graphics, string visual, TextStyle style, double x, double y, XStringAlignment align = XStringAlignment.Near, double width = 0)
    {
        if (align != XStringAlignment.Near) x += (width - Width(graphics, visual, style)) / (align == XStringAlignment.Center ? 2 : 1);
        var brush = style.Brush;
        var runs = Runs(visual, style).ToList();
        for (var i = 0; i < runs.Count; i++)
        {
            graphics.DrawString(runs[i].Text, runs[i].Font, brush, x, y, XStringFormats.TopLeft);
            if (i < runs.Count - 1) x += graphics.MeasureString(runs[i].Text, runs[i].Font).Width; // no run follows the last
        }
    }

    public static double Width(XGraphics graphics, string visual, TextStyle style) =>
        Runs(visual, style).Sum(r => graphics.MeasureString(r.Text, r.Font).Width);

    private static bool Fits(XGraphics graphics, string logical, TextStyle style, double width) =>
        Width(graphics, VisualOrder.Of(logical), style) <= width;

    private static string LongestFitting(XGraphics graphics, string logical, TextStyle style, double width)
    {
        var end = PreviousBoundary(logical);
        while (end > 0 && !Fits(graphics, logical[..end], style, width)) end = PreviousBoundary(logical[..end]);
        // Always make progress: one character per line in a column too narrow for any.
        return end > 0 ? logical[..end] : logical[..StringInfo.GetNextTextElementLength(logical)];
    }

    /// <summary>Where the last character (with its accents, or a surrogate pair) starts.</summary>
    private static int PreviousBoundary(string text)
    {
        var boundaries = StringInfo.ParseCombiningCharacters(text);
        return boundaries.Length == 0 ? 0 : boundaries[^1];
    }

    private static IEnumerable<(string Text, XFont Font)> Runs(string visual, TextStyle style)
    {
        var families = PdfFonts.Current;
        var run = new StringBuilder();
        string? family = null;
        foreach (var rune in visual.EnumerateRunes())
        {
            // The joiners and presentation selectors of emoji sequences (👩‍👩‍👧, ❤️) have no glyph: each emoji in a
            // sequence is drawn on its own rather than with boxes between them.
            if (rune.Value is 0x200D or 0xFE0E or 0xFE0F) continue;
            // Accents stay in the font of the letter they sit on.
            var wanted = family is not null && Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark ? family : families.FamilyFor(rune, style.Bold);
            if (wanted != family && run.Length > 0)
            {
                yield return (run.ToString(), Font(family!, style));
                run.Clear();
            }
            family = wanted;
            run.Append(rune.ToString());
        }
        if (run.Length > 0) yield return (run.ToString(), Font(family!, style));
    }

    private static XFont Font(string family, TextStyle style)
    {
        fonts ??= [];
        var key = (family, style.Size, style.Bold);
        if (!fonts.TryGetValue(key, out var font))
            fonts[key] = font = new XFont(family, style.Size, style.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        return font;
    }
}
