using System.Diagnostics;

namespace EventEngine.Web.Tests.Pdf;

/// <summary>Reads PDFs back with Debian's poppler-utils: their text, their metadata and their fonts.</summary>
public static class PdfTools
{
    public static Task<string> TextAsync(byte[] pdf) => RunAsync(pdf, "pdftotext", "-enc", "UTF-8", "{pdf}", "-");

    /// <summary>The text with the page layout kept, so a row's cells stay on one line.</summary>
    public static Task<string> LayoutTextAsync(byte[] pdf) => RunAsync(pdf, "pdftotext", "-layout", "-enc", "UTF-8", "{pdf}", "-");

    public static Task<string> FontsAsync(byte[] pdf) => RunAsync(pdf, "pdffonts", "{pdf}");

    /// <summary>pdfinfo's fields: Title, Author, Pages…</summary>
    public static async Task<Dictionary<string, string>> InfoAsync(byte[] pdf) =>
        (await RunAsync(pdf, "pdfinfo", "-enc", "UTF-8", "{pdf}")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());

    /// <summary>Each page's text, split where pdftotext puts a form feed.</summary>
    public static async Task<string[]> PagesAsync(byte[] pdf) => (await TextAsync(pdf)).Split('\f')[..^1];

    private static async Task<string> RunAsync(byte[] pdf, string tool, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a == "{pdf}" ? path : a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {await errors}");
            return await output;
        }
        finally { File.Delete(path); }
    }
}
