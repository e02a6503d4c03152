using PdfSharp;
using PdfSharp.Fonts;

namespace EventEngine.Web.Pages.Events.Manage.Reports;

/// <summary>
/// The one typeface every PDF uses: DejaVu Sans, whose glyphs cover Latin with accents, Greek, Cyrillic, Hebrew and
/// Arabic. PDFsharp finds no fonts on Linux by itself; this reads the TrueType files from a directory (Debian's
/// fonts-dejavu-core puts them in /usr/share/fonts/truetype/dejavu) and embeds them in each document.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "EventEngine Sans";
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Once = new();

    private readonly Dictionary<string, byte[]> faces;

    private PdfFonts(string directory)
    {
        faces = new()
        {
            ["regular"] = Read(directory, "DejaVuSans.ttf"),
            ["bold"] = Read(directory, "DejaVuSans-Bold.ttf"),
        };
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "bold" : "regular", false, italic); // a real bold face; italic is simulated by slanting

    public byte[]? GetFont(string faceName) => faces.GetValueOrDefault(faceName);

    /// <summary>Sets up PDFsharp once per process: the AGPL licence this project is under, and these fonts.</summary>
    public static void Use(string? directory)
    {
        lock (Once)
        {
            if (GlobalFontSettings.FontResolver is PdfFonts) return;
            PdfSharpLicense.SetAgplLicense();
            // Unicode always, so every face is embedded with its ToUnicode map and text copies and searches as written.
            GlobalFontSettings.DefaultFontEncoding = PdfSharp.Pdf.PdfFontEncoding.Unicode;
            GlobalFontSettings.FontResolver = new PdfFonts(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory);
        }
    }

    private static byte[] Read(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"The PDF font {file} is missing from {directory}. Install Debian's fonts-dejavu-core, or set Pdf__FontDirectory.", path);
    }
}
