using System.Text;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// RFC 4180 CSV: fields separated by one delimiter, optionally quoted, with "" for a quote and line breaks allowed
/// inside quotes. Lenient where spreadsheets are sloppy: a stray quote inside an unquoted field is kept as text.
/// </summary>
public static class Csv
{
    /// <summary>Reads records lazily; stops at the end of the text. Empty lines are skipped.</summary>
    public static IEnumerable<List<string>> Read(TextReader reader, char delimiter)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var inQuotes = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch != '"') field.Append(ch);
                else if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                else inQuotes = false;
                continue;
            }
            if (ch == '"' && field.Length == 0 && !quoted) { inQuotes = quoted = true; continue; }
            if (ch == delimiter) { record.Add(field.ToString()); field.Clear(); quoted = false; continue; }
            if (ch is '\r' or '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                record.Add(field.ToString());
                field.Clear();
                quoted = false;
                if (record.Count > 1 || record[0].Length > 0) yield return record;
                record = [];
                continue;
            }
            field.Append(ch);
        }
        if (field.Length > 0 || quoted || record.Count > 0)
        {
            record.Add(field.ToString());
            if (record.Count > 1 || record[0].Length > 0) yield return record;
        }
    }

    /// <summary>The delimiter of a file from its first line: the most frequent of comma, semicolon and tab outside quotes.</summary>
    public static char DetectDelimiter(string firstLine)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var inQuotes = false;
        foreach (var ch in firstLine)
        {
            if (ch == '"') inQuotes = !inQuotes;
            else if (!inQuotes) { if (ch == ',') comma++; else if (ch == ';') semicolon++; else if (ch == '\t') tab++; }
        }
        return tab > comma && tab >= semicolon ? '\t' : semicolon > comma ? ';' : ',';
    }

    public static void WriteRecord(TextWriter writer, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) writer.Write(',');
            first = false;
            if (field is null) continue;
            if (field.AsSpan().IndexOfAny(",\"\r\n") < 0) writer.Write(field);
            else
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\""));
                writer.Write('"');
            }
        }
        writer.Write("\r\n");
    }

    /// <summary>
    /// A cell starting with = + - @, tab or carriage return is a formula to a spreadsheet (CSV injection). A leading
    /// apostrophe makes it text; the importer removes it again, so exports import back unchanged.
    /// </summary>
    public static string? SpreadsheetSafe(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>Undoes <see cref="SpreadsheetSafe"/>.</summary>
    public static string Unprotect(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
