using EventEngine.Web.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EventEngine.Web.Tests.Pdf;

public class PdfFontsTests
{
    [Fact]
    public async Task Names_with_accents_Greek_and_Cyrillic_are_drawn_with_the_embedded_font_and_read_back_as_text()
    {
        var (fonts, text) = await DrawAsync("Zoë Ñúñez-Ørsted, Ελένη, Дмитрий", bold: "Bold line");

        Assert.Contains("Zoë Ñúñez-Ørsted, Ελένη, Дмитрий", text);
        Assert.Contains("Bold line", text);
        // Both faces are DejaVu, embedded as subsets, with a Unicode map (columns emb, sub, uni); the fallback is not needed.
        Assert.Equal(2, fonts.Count);
        Assert.All(fonts, f => Assert.Matches(@"\+DejaVu Sans(,Bold)?\s+CID TrueType\s+Identity-H\s+yes yes yes", f));
    }

    [Fact]
    public async Task Characters_DejaVu_lacks_are_drawn_with_the_fallback_font()
    {
        var (fonts, text) = await DrawAsync("Wei 王小明 Chen", bold: null);

        Assert.Contains("Wei 王小明 Chen", text);
        Assert.Equal(2, fonts.Count);
        Assert.Contains(fonts, f => f.Contains("+DejaVu Sans ", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.Contains("+Droid Sans Fallback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Emoji_are_drawn_with_the_symbol_font_and_sequences_without_boxes_between_them()
    {
        var (fonts, text) = await DrawAsync("Ana 🎉 👩‍👩‍👧 ❤️ ok", bold: null);

        Assert.Contains(fonts, f => f.Contains("+Symbola", StringComparison.Ordinal));
        // Five glyphs between the name and "ok": 🎉, the three people of the family, ❤; no joiner or selector boxes.
        // (PDFsharp writes the text map of characters beyond U+FFFF wrongly, so those copy out as other characters;
        // the drawing is right, and names in the BMP read back exactly.)
        var drawn = System.Text.RegularExpressions.Regex.Match(text, "Ana (.*) ok").Groups[1].Value;
        Assert.Equal(5, drawn.Replace(" ", "").EnumerateRunes().Count());
        Assert.EndsWith("❤", drawn);
    }

    [Fact]
    public void Font_coverage_is_read_from_each_fonts_character_map()
    {
        PdfFonts.Use(null);
        var fonts = PdfFonts.Current;

        Assert.Equal(PdfFonts.Family, fonts.FamilyFor(new('é'), bold: false));
        Assert.Equal(PdfFonts.Family, fonts.FamilyFor(new('ש'), bold: true));
        Assert.Equal(PdfFonts.Family, fonts.FamilyFor(new('\uFEFB'), bold: false)); // Arabic lam-alef ligature
        Assert.Equal(PdfFonts.FallbackFamily, fonts.FamilyFor(new('王'), bold: false));
        Assert.Equal(PdfFonts.FallbackFamily, fonts.FamilyFor(new('あ'), bold: true));
        Assert.Equal(PdfFonts.Family, fonts.FamilyFor(new(0x1F600), bold: false)); // 😀: DejaVu has the emoticons
        Assert.Equal(PdfFonts.SymbolFamily, fonts.FamilyFor(new(0x1F389), bold: true)); // 🎉
        Assert.Equal(PdfFonts.SymbolFamily, fonts.FamilyFor(new(0x1F469), bold: false)); // 👩
        // Neither font has Devanagari: it stays with DejaVu, which draws its "missing" box.
        Assert.Equal(PdfFonts.Family, fonts.FamilyFor(new('क'), bold: false));
    }

    /// <summary>Draws a line (and a bold one) into a PDF; returns pdffonts' font lines and pdftotext's text.</summary>
    private static async Task<(List<string> Fonts, string Text)> DrawAsync(string regular, string? bold)
    {
        PdfFonts.Use(null);
        var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            PdfText.Draw(graphics, regular, new TextStyle(12), 40, 60);
            if (bold is not null) PdfText.Draw(graphics, bold, new TextStyle(12, Bold: true), 40, 80);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        var pdf = stream.ToArray();
        List<string> fonts = [.. (await PdfTools.FontsAsync(pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)];
        return (fonts, await PdfTools.TextAsync(pdf));
    }
}
