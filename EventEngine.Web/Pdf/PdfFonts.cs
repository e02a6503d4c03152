using System.Collections;
using System.Text;
using PdfSharp;
using PdfSharp.Fonts;

namespace EventEngine.Web.Pdf;

/// <summary>
/// The typefaces every PDF uses. DejaVu Sans covers Latin with accents, Greek, Cyrillic, Hebrew and Arabic; Droid Sans
/// Fallback covers Chinese, Japanese and Korean, for the characters DejaVu lacks; Symbola draws emoji and other symbols
/// neither has, in black and white (a PDF cannot use the colour emoji fonts' bitmaps). PDFsharp finds no fonts on Linux
/// by itself, so this reads the TrueType files (Debian's fonts-dejavu-core, fonts-droid-fallback and fonts-symbola) and
/// knows from each font's character map which characters it can draw.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "EventEngine Sans";
    public const string FallbackFamily = "EventEngine Fallback";
    public const string SymbolFamily = "EventEngine Symbols";
    public const string DefaultRoot = "/usr/share/fonts/truetype";
    private const string Regular = "dejavu/DejaVuSans.ttf", Bold = "dejavu/DejaVuSans-Bold.ttf", Fallback = "droid/DroidSansFallbackFull.ttf",
        Symbols = "ancient-scripts/Symbola_hint.ttf";
    private static readonly Lock Once = new();
    private static PdfFonts? current;

    private readonly Dictionary<string, byte[]> faces;
    private readonly BitArray regularCovers, boldCovers, fallbackCovers, symbolCovers;

    private PdfFonts(string root)
    {
        faces = new() { [Regular] = Read(root, Regular), [Bold] = Read(root, Bold), [Fallback] = Read(root, Fallback), [Symbols] = Read(root, Symbols) };
        regularCovers = TrueTypeCharacters.Of(faces[Regular]);
        boldCovers = TrueTypeCharacters.Of(faces[Bold]);
        fallbackCovers = TrueTypeCharacters.Of(faces[Fallback]);
        symbolCovers = TrueTypeCharacters.Of(faces[Symbols]);
    }

    /// <summary>The fonts in use; <see cref="Use"/> must have run.</summary>
    public static PdfFonts Current => current ?? throw new InvalidOperationException("PdfFonts.Use has not run.");

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        FallbackFamily => new(Fallback, bold, italic), // the fallbacks have one face; bold is simulated
        SymbolFamily => new(Symbols, bold, italic),
        _ => new(bold ? Bold : Regular, false, italic),
    };

    public byte[]? GetFont(string faceName) => faces.GetValueOrDefault(faceName);

    /// <summary>The family that draws this character: DejaVu when it has it, else the first fallback that has it, else DejaVu (a box).</summary>
    public string FamilyFor(Rune rune, bool bold) =>
        (bold ? boldCovers : regularCovers)[rune.Value] ? Family
        : fallbackCovers[rune.Value] ? FallbackFamily
        : symbolCovers[rune.Value] ? SymbolFamily
        : Family;

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
            : throw new FileNotFoundException($"The PDF font {path} is missing. Install Debian's fonts-dejavu-core, fonts-droid-fallback and fonts-symbola, or set Pdf__FontRoot.", path);
    }
}
