using System.Collections;
using System.Text;
using PdfSharp;
using PdfSharp.Fonts;

namespace EventEngine.Web.Pdf;

/// <summary>
/// The typefaces every PDF uses. DejaVu Sans covers Latin with accents, Greek, Cyrillic, Hebrew and Arabic; Droid Sans
/// Fallback covers Chinese, Japanese and Korean, for the characters DejaVu lacks. PDFsharp finds no fonts on Linux by
/// itself, so this reads the TrueType files (Debian's fonts-dejavu-core and fonts-droid-fallback) and knows from each
/// font's character map which characters it can draw.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "EventEngine Sans";
    public const string FallbackFamily = "EventEngine Fallback";
    public const string DefaultRoot = "/usr/share/fonts/truetype";
    private const string Regular = "dejavu/DejaVuSans.ttf", Bold = "dejavu/DejaVuSans-Bold.ttf", Fallback = "droid/DroidSansFallbackFull.ttf";
    private static readonly Lock Once = new();
    private static PdfFonts? current;

    private readonly Dictionary<string, byte[]> faces;
    private readonly BitArray regularCovers, boldCovers, fallbackCovers;

    private PdfFonts(string root)
    {
        faces = new() { [Regular] = Read(root, Regular), [Bold] = Read(root, Bold), [Fallback] = Read(root, Fallback) };
        regularCovers = TrueTypeCharacters.Of(faces[Regular]);
        boldCovers = TrueTypeCharacters.Of(faces[Bold]);
        fallbackCovers = TrueTypeCharacters.Of(faces[Fallback]);
    }

    /// <summary>The fonts in use; <see cref="Use"/> must have run.</summary>
    public static PdfFonts Current => current ?? throw new InvalidOperationException("PdfFonts.Use has not run.");

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => familyName == FallbackFamily
        ? new(Fallback, bold, italic) // the fallback has one face; bold is simulated
        : new(bold ? Bold : Regular, false, italic);

    public byte[]? GetFont(string faceName) => faces.GetValueOrDefault(faceName);

    /// <summary>The family that draws this character: DejaVu when it has it, else the fallback when it has it, else DejaVu (a box).</summary>
    public string FamilyFor(Rune rune, bool bold) =>
        (bold ? boldCovers : regularCovers)[rune.Value] || !fallbackCovers[rune.Value] ? Family : FallbackFamily;

    /// <summary>Sets up PDFsharp once per process: the AGPL licence this project is under, and these fonts.</summary>
    public static void Use(string? root)
    {
        lock (Once)
        {
            if (current is not null) return;
            PdfSharpLicense.SetAgplLicense();
            // Unicode always, so every face is embedded with its ToUnicode map and text copies and searches as written.
            GlobalFontSettings.DefaultFontEncoding = PdfSharp.Pdf.PdfFontEncoding.Unicode;
            current = new PdfFonts(string.IsNullOrWhiteSpace(root) ? DefaultRoot : root);
            GlobalFontSettings.FontResolver = current;
        }
    }

    private static byte[] Read(string root, string file)
    {
        var path = Path.Combine(root, file);
        return File.Exists(path) ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"The PDF font {path} is missing. Install Debian's fonts-dejavu-core and fonts-droid-fallback, or set Pdf__FontRoot.", path);
    }
}
