using System.Runtime.InteropServices;

namespace EventEngine.Web.Pdf;

/// <summary>
/// Turns a line of text as typed (logical order) into the order PDFsharp must draw it, left to right. PDFsharp draws
/// characters in the order given with no shaping, so Hebrew would come out backwards and Arabic as unjoined letters.
/// ICU, which .NET already loads on Linux for globalization, does both jobs properly: u_shapeArabic picks each Arabic
/// letter's joined form, and the Unicode Bidirectional Algorithm (ubidi) reorders mixed right-to-left and left-to-right
/// runs, mirroring brackets. Text with no right-to-left characters is returned as it is, without calling ICU.
/// </summary>
public static class VisualOrder
{
    private const uint ShapeLetters = 8; // U_SHAPE_LETTERS_SHAPE, logical order in and out, length may shrink (lam-alef)
    private const byte DefaultLeftToRight = 0xFE; // UBIDI_DEFAULT_LTR: direction from the first strong character
    private const ushort DoMirroring = 2, RemoveBidiControls = 8;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ShapeArabic(IntPtr source, int length, IntPtr dest, int capacity, uint options, ref int error);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr BidiOpen();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void BidiSetPara(IntPtr bidi, IntPtr text, int length, byte level, IntPtr levels, ref int error);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BidiWriteReordered(IntPtr bidi, IntPtr dest, int capacity, ushort options, ref int error);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void BidiClose(IntPtr bidi);

    private sealed record Icu(ShapeArabic Shape, BidiOpen Open, BidiSetPara SetPara, BidiWriteReordered Write, BidiClose Close);

    private static readonly Lazy<Icu> Library = new(LoadIcu);

    public static string Of(string logical)
    {
        if (!NeedsIcu(logical)) return logical;
        var icu = Library.Value;
        var shaped = Call(logical, (source, dest) =>
        {
            var error = 0;
            return (icu.Shape(source, logical.Length, dest, logical.Length, ShapeLetters, ref error), error);
        });
        return Call(shaped, (source, dest) =>
        {
            var error = 0;
            var bidi = icu.Open();
            try
            {
                icu.SetPara(bidi, source, shaped.Length, DefaultLeftToRight, IntPtr.Zero, ref error);
                return error > 0 ? (0, error) : (icu.Write(bidi, dest, shaped.Length, DoMirroring | RemoveBidiControls, ref error), error);
            }
            finally { icu.Close(bidi); }
        });
    }

    /// <summary>Hebrew, Arabic and the other right-to-left blocks, their presentation forms, and the bidi controls.</summary>
    private static bool NeedsIcu(string text)
    {
        foreach (var c in text)
            if (c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF'
                or >= '\u200E' and <= '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                return true;
        return false;
    }

    /// <summary>Pins the source and an output buffer of the same length (neither step lengthens text) for one ICU call.</summary>
    private static string Call(string source, Func<IntPtr, IntPtr, (int Length, int Error)> call)
    {
        var input = source.ToCharArray();
        var output = new char[Math.Max(1, source.Length)];
        var pinnedIn = GCHandle.Alloc(input, GCHandleType.Pinned);
        var pinnedOut = GCHandle.Alloc(output, GCHandleType.Pinned);
        try
        {
            var (length, error) = call(pinnedIn.AddrOfPinnedObject(), pinnedOut.AddrOfPinnedObject());
            // ICU error codes above zero are failures; below zero are warnings.
            if (error > 0) throw new InvalidOperationException($"ICU could not lay out the text (error {error}).");
            return new string(output, 0, length);
        }
        finally
        {
            pinnedIn.Free();
            pinnedOut.Free();
        }
    }

    /// <summary>
    /// ICU's library and symbols carry its major version (libicuuc.so.72, ubidi_open_72), so probe as .NET does,
    /// newest first. Some builds export the names without the suffix.
    /// </summary>
    private static Icu LoadIcu()
    {
        for (var version = 99; version >= 50; version--)
        {
            if (!NativeLibrary.TryLoad($"libicuuc.so.{version}", out var library)) continue;
            foreach (var suffix in new[] { $"_{version}", "" })
            {
                if (!NativeLibrary.TryGetExport(library, "ubidi_open" + suffix, out _)) continue;
                T Get<T>(string name) => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name + suffix));
                return new Icu(Get<ShapeArabic>("u_shapeArabic"), Get<BidiOpen>("ubidi_open"), Get<BidiSetPara>("ubidi_setPara"),
                    Get<BidiWriteReordered>("ubidi_writeReordered"), Get<BidiClose>("ubidi_close"));
            }
        }
        throw new DllNotFoundException("Right-to-left text in PDFs needs ICU (libicuuc), which .NET also uses on Linux. Install Debian's libicu package.");
    }
}
