using System.Text.Json;
using CsvHelper;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>
/// One row of an uploaded file: its number as a spreadsheet shows it (the header is row 1, a blank line is a row, a
/// cell with line breaks stays in one row), the line of the file it starts on, and its cells.
/// </summary>
public sealed record FileRow(int Number, int Line, string[] Cells)
{
    public string Cell(int column) => column < Cells.Length ? Cells[column] : "";
}

/// <summary>
/// An uploaded guest file read into a header and rows of text: CSV read by CsvHelper (any encoding
/// <see cref="FileText"/> accepts; comma, semicolon, tab or pipe, or Excel's "sep=" line) or JSON (an array of objects).
/// </summary>
public sealed record GuestFile(List<string> Headers, List<FileRow> Rows)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 20_000;

    /// <summary>The file, or a message that says plainly why it can't be read.</summary>
    public static (GuestFile? File, string? Error) Read(byte[] content, string fileName)
    {
        if (content.Length == 0) return (null, "The file is empty.");
        if (content.Length > MaxBytes) return (null, $"The file is {content.Length / 1024.0 / 1024.0:0.0} MB; the limit is {MaxBytes / 1024 / 1024} MB. Split it into smaller files.");
        if (content.AsSpan().StartsWith("PK\u0003\u0004"u8))
            return (null, "This is an Excel or other zipped file, not CSV. In Excel choose File › Save As › CSV UTF-8, then upload that file.");
        var decoded = FileText.Decode(content);
        if (decoded.Error is not null) return (null, decoded.Error);

        var isJson = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || decoded.FirstCharacter is '[' or '{';
        var (file, error) = isJson ? ReadJson(decoded.AsString()) : ReadCsv(decoded);
        if (error is not null) return (null, error);
        if (file!.Headers.All(string.IsNullOrWhiteSpace)) return (null, "The first line should name the columns (for example Name, Phone, Email).");
        if (file.Rows.Count == 0) return (null, "The file has column names but no guests under them.");
        return (file, null);
    }

    private static readonly CsvReaderOptions CsvOptions = CsvReaderOptions.Default with
    {
        HasHeader = false, // read as a row of its own, so that blank lines before it are counted like any other row
        SkipEmptyLines = false,
        DetectSeparatorHint = true,
        TrackLineNumbers = true,
        MaxRecordSize = MaxBytes,
    };

    private static (GuestFile?, string?) ReadCsv(FileText decoded)
    {
        using var reader = decoded.Utf8Bytes is { } utf8 ? CsvReader.Create(utf8, CsvOptions) : CsvReader.FromText(decoded.Text!, CsvOptions);
        List<string>? headers = null;
        var rows = new List<FileRow>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i);
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (headers is null) { headers = [.. cells.Select(h => h.Trim())]; continue; }
            if (rows.Count == MaxRows) return (null, TooManyRows);
            rows.Add(new FileRow((int)reader.RowNumber, (int)reader.LineNumber, cells));
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
        catch (JsonException ex)
        {
            return (null, $"The JSON can't be read (line {ex.LineNumber + 1}): check it is an array of guests like [{{\"name\": \"Ada\", \"email\": \"ada@example.com\"}}].");
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
            // Guests are numbered as if the array were a sheet under a row of field names.
            return (new GuestFile(headers, [.. objects.Select((o, i) => new FileRow(i + 2, i + 2, [.. headers.Select(h => o.GetValueOrDefault(h, ""))]))]), null);
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
