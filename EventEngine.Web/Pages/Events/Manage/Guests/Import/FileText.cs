using System.Text;
using System.Text.Unicode;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>
/// An uploaded file's bytes as text, with the encoding decided on evidence from the whole file: a byte order mark;
/// else UTF-16 when one byte of each pair is so often zero; else UTF-8 when every byte sequence is UTF-8; else
/// Windows-1252 (what Excel and Outlook save on Windows) when nothing in the file says otherwise. A file that is
/// neither cleanly is refused rather than guessed: guessing wrong stores every accent as mojibake.
/// </summary>
public sealed record FileText(string? Text, byte[]? Utf8Bytes, string? Error)
{
    static FileText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public const string NotText = "This doesn't look like a text file. Upload a CSV or JSON file.";

    public string AsString() => Text ?? Encoding.UTF8.GetString(Utf8Bytes!);

    /// <summary>The first character that is not white space.</summary>
    public char? FirstCharacter => Text is not null
        ? Text.AsSpan().TrimStart() is [var c, ..] ? c : null
        : Utf8Bytes!.AsSpan().TrimStart(" \t\r\n"u8) is [var b, ..] ? (char)b : null;

    /// <summary>The text as a string (UTF-16 and Windows-1252 files), or as UTF-8 bytes without a byte order mark.</summary>
    public static FileText Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Utf8Bom)) return Utf8Text(bytes.AsSpan(3), "The file starts as UTF-8 but has bytes that are not UTF-8");
        if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble)) return Strict(new UnicodeEncoding(false, false, true), bytes, 2);
        if (bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble)) return Strict(new UnicodeEncoding(true, false, true), bytes, 2);

        // UTF-16 without a byte order mark: the high byte of every ASCII character (separators, digits, line breaks) is zero.
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == 0) { if (i % 2 == 0) evenZeros++; else oddZeros++; }
        var pairs = bytes.Length / 2;
        if (bytes.Length % 2 == 0 && oddZeros > pairs / 8 && evenZeros * 10 < oddZeros) return Strict(new UnicodeEncoding(false, false, true), bytes, 0);
        if (bytes.Length % 2 == 0 && evenZeros > pairs / 8 && oddZeros * 10 < evenZeros) return Strict(new UnicodeEncoding(true, false, true), bytes, 0);

        // Control bytes are rare in text and common in images and archives. A few stray zeros (some exporters pad with
        // them) are dropped rather than deciding the encoding of the whole file.
        var controls = bytes.Count(b => b < 0x20 && b is not (0x09 or 0x0A or 0x0D));
        if (controls >= 3 && controls > bytes.Length / 100) return new(null, null, NotText);
        var text = evenZeros + oddZeros > 0 ? bytes.Where(b => b != 0).ToArray() : bytes;

        if (Utf8.IsValid(text)) return new(null, text, null);
        var (valid, invalid, firstInvalid) = Utf8Evidence(text);
        if (valid > 0 && valid >= invalid)
            return Refuse($"Most of the file is UTF-8, but {Where(text, firstInvalid)} has bytes that are not");
        var windows = Encoding.GetEncoding(1252).GetString(text);
        // Five bytes mean nothing in Windows-1252; a file that has them is in another encoding.
        var undefined = windows.IndexOfAny(['\u0081', '\u008D', '\u008F', '\u0090', '\u009D']);
        return undefined < 0 ? new(windows, null, null) : Refuse($"The file is not UTF-8, and {Where(text, undefined)} is not Windows-1252 either");
    }

    private static FileText Utf8Text(ReadOnlySpan<byte> bytes, string problem)
    {
        if (Utf8.IsValid(bytes)) return new(null, bytes.ToArray(), null);
        Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return Refuse($"{problem} ({Where(bytes, read)})");
    }

    private static FileText Strict(Encoding encoding, byte[] bytes, int skip)
    {
        try
        {
            var text = encoding.GetString(bytes, skip, bytes.Length - skip);
            return text.Contains('\0') ? new(null, null, NotText) : new(text, null, null);
        }
        catch (DecoderFallbackException)
        {
            return Refuse("The file is UTF-16 but has bytes that are not");
        }
    }

    /// <summary>How many UTF-8 sequences of two or more bytes are well formed, how many bytes are not, and where the first bad one is.</summary>
    private static (int Valid, int Invalid, int FirstInvalid) Utf8Evidence(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0, first = -1;
        for (var i = 0; i < bytes.Length;)
        {
            if (bytes[i] < 0x80) { i++; continue; }
            var status = Rune.DecodeFromUtf8(bytes[i..], out _, out var length);
            if (status == System.Buffers.OperationStatus.Done) { valid++; i += length; }
            else { invalid++; if (first < 0) first = i; i++; }
        }
        return (valid, invalid, first);
    }

    /// <summary>"line 12": where a byte is, counted in lines, for the message.</summary>
    private static string Where(ReadOnlySpan<byte> bytes, int index) => $"line {bytes[..Math.Min(index, bytes.Length)].Count((byte)'\n') + 1}";

    private static FileText Refuse(string problem) =>
        new(null, null, $"{problem}, so its letters can't be read reliably. In Excel choose File › Save As › CSV UTF-8, then upload that file.");
}
