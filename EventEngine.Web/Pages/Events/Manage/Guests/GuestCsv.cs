using CsvHelper;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// How guest CSV files are written (the export, the rejected rows of an import): UTF-8 with a byte order mark so
/// Excel reads accents, and cells that a spreadsheet would run as a formula (= + - @, tab, carriage return) made
/// text with a leading apostrophe. The importer takes that apostrophe off again, so an export imports back unchanged.
/// </summary>
public static class GuestCsv
{
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    /// <summary>Undoes the writer's formula protection.</summary>
    public static string Unprotect(string value) =>
        value.Length > 1 && value[0] == Options.InjectionEscape && Options.InjectionCharacters.Contains(value[1]) ? value[1..] : value;
}
