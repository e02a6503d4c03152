namespace EventEngine.Web.Domain;

/// <summary>
/// Text people type, made safe to place among the app's own words. Bidirectional embedding, override and isolate
/// controls (U+202A–U+202E, U+2066–U+2069) in a name would reorder the text around it ("‮evil" turns a whole line
/// of a page, an email or a PDF backwards), so they are taken out at input. Names in Hebrew or Arabic need none of
/// them: the Unicode algorithm orders them by their letters.
/// </summary>
public static class PlainText
{
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static string WithoutBidiControls(string text) => text.Any(IsBidiControl) ? string.Concat(text.Where(c => !IsBidiControl(c))) : text;

    /// <summary>A typed value as it is stored: without direction controls, trimmed, and null when nothing is left.</summary>
    public static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : WithoutBidiControls(text).Trim() is { Length: > 0 } kept ? kept : null;
}
