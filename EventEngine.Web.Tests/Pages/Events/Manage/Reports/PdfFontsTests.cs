using System.Diagnostics;
using EventEngine.Web.Pages.Events.Manage.Reports;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Reports;

public class PdfFontsTests
{
    [Fact]
    public async Task Names_with_accents_Greek_and_Cyrillic_are_drawn_with_the_embedded_font_and_read_back_as_text()
    {
        PdfFonts.Use(null);
        var document = new PdfDocument();
        document.Info.Title = "Fonts";
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawString("Zoë Ñúñez-Ørsted, Ελένη, Дмитрий", new XFont(PdfFonts.Family, 12), XBrushes.Black, 40, 60);
            graphics.DrawString("Bold line", new XFont(PdfFonts.Family, 12, XFontStyleEx.Bold), XBrushes.Black, 40, 80);
        }
        var path = Path.Combine(Path.GetTempPath(), $"fonts-{Guid.NewGuid():N}.pdf");
        document.Save(path);

        var text = await RunAsync("pdftotext", "-enc", "UTF-8", path, "-");
        var fonts = await RunAsync("pdffonts", path);
        File.Delete(path);

        Assert.Contains("Zoë Ñúñez-Ørsted, Ελένη, Дмитрий", text);
        Assert.Contains("Bold line", text);
        // Both faces are DejaVu, embedded as subsets, with a Unicode map (columns emb, sub, uni).
        var faces = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.Equal(2, faces.Count);
        Assert.All(faces, f => Assert.Matches(@"\+DejaVu Sans(,Bold)?\s+CID TrueType\s+Identity-H\s+yes yes yes", f));
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
