using System.Text;
using System.Text.Json;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>
/// An uploaded guest file read into a header and rows of text: CSV (UTF-8 with or without BOM, UTF-16, or
/// Windows-1252 as older Excel saves it; comma, semicolon or tab) or JSON (an array of objects).
/// </summary>
public sealed record GuestFile(List<string> Headers, List<List<string>> Rows)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 20_000;

    static GuestFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The file, or a message that says plainly why it can't be read.</summary>
    public static (GuestFile? File, string? Error) Read(byte[] content, string fileName)
    {
        if (content.Length == 0) return (null, "The file is empty.");
        if (content.Length > MaxBytes) return (null, $"The file is {content.Length / 1024.0 / 1024.0:0.0} MB; the limit is {MaxBytes / 1024 / 1024} MB. Split it into smaller files.");
        if (content.AsSpan().StartsWith("PK\u0003\u0004"u8))
            return (null, "This is an Excel or other zipped file, not CSV. In Excel choose File › Save As › CSV UTF-8, then upload that file.");
        if (Decode(content) is not { } text)
            return (null, "This doesn't look like a text file. Upload a CSV or JSON file.");

        var trimmed = text.AsSpan().TrimStart();
        var isJson = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("[") || trimmed.StartsWith("{");
        var (file, error) = isJson ? ReadJson(text) : ReadCsv(text);
        if (error is not null) return (null, error);
        if (file!.Headers.All(string.IsNullOrWhiteSpace)) return (null, "The first line should name the columns (for example Name, Phone, Email).");
        if (file.Rows.Count == 0) return (null, "The file has column names but no guests under them.");
        return (file, null);
    }

    private static string? Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) return Strict(new UTF8Encoding(false, true), bytes[3..]);
        if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble)) return Strict(new UnicodeEncoding(false, false, true), bytes[2..]);
        if (bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble)) return Strict(new UnicodeEncoding(true, false, true), bytes[2..]);

        // UTF-16 without a BOM: text in Latin scripts has a zero in every other byte.
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 4096));
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i++)
            if (sample[i] == 0) { if (i % 2 == 0) evenZeros++; else oddZeros++; }
        if (oddZeros > sample.Length / 4 && evenZeros == 0) return Strict(new UnicodeEncoding(false, false, true), bytes);
        if (evenZeros > sample.Length / 4 && oddZeros == 0) return Strict(new UnicodeEncoding(true, false, true), bytes);
        if (evenZeros + oddZeros > 0) return null;

        // Valid UTF-8 is almost never an accident; anything else is taken as Excel's Windows-1252.
        return Strict(new UTF8Encoding(false, true), bytes) ?? Encoding.GetEncoding(1252).GetString(bytes);
    }

    private static string? Strict(Encoding encoding, byte[] bytes)
    {
        try
        {
            var text = encoding.GetString(bytes);
            return text.Contains('\0') ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static (GuestFile?, string?) ReadCsv(string text)
    {
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var delimiter = Csv.DetectDelimiter(firstLineEnd < 0 ? text : text[..firstLineEnd]);
        using var reader = new StringReader(text);
        List<string>? headers = null;
        var rows = new List<List<string>>();
        foreach (var record in Csv.Read(reader, delimiter))
        {
            if (headers is null) { headers = [.. record.Select(h => h.Trim())]; continue; }
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            if (rows.Count == MaxRows) return (null, TooManyRows);
            rows.Add(record);
        }
        return (new GuestFile(headers ?? [], rows), null);
    }

    private static (GuestFile?, string?) ReadJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return (null, $"The JSON can't be read (line {e.LineNumber + 1}): check it is an array of guests like [{{\"name\": \"Ada\", \"email\": \"ada@example.com\"}}].");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
                root = root.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array).Value;
            if (root.ValueKind != JsonValueKind.Array)
                return (null, "The JSON should be an array of guests, like [{\"name\": \"Ada\", \"email\": \"ada@example.com\"}].");
            if (root.GetArrayLength() > MaxRows) return (null, TooManyRows);

            var headers = new List<string>();
            var objects = new List<Dictionary<string, string>>();
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) return (null, "Each guest in the JSON array should be an object with fields such as name and email.");
                var values = new Dictionary<string, string>();
                foreach (var property in item.EnumerateObject())
                {
                    if (!headers.Contains(property.Name)) headers.Add(property.Name);
                    values[property.Name] = Text(property.Value);
                }
                objects.Add(values);
            }
            return (new GuestFile(headers, [.. objects.Select(o => headers.Select(h => o.GetValueOrDefault(h, "")).ToList())]), null);
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => "",
    };

    private static string TooManyRows => $"The file has more than {MaxRows:N0} guests. Split it into smaller files.";
}
