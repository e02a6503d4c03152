namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>A phone number or email address found in a row, and the column that held it.</summary>
public sealed record ContactValue(string Value, int Column);

/// <summary>
/// The phone and email columns of a file, and the order a row's values are tried in. Address books export several:
/// Google as "Phone 1 - Value" with its label ("Mobile", "Home", "Work") in "Phone 1 - Label", Outlook as "Mobile
/// Phone", "Home Phone", "Business Phone"… and "E-mail Address", "E-mail 2 Address"… Mobiles come first, since
/// WhatsApp needs one; fax and pager numbers are never used; Exchange's internal X.500 addresses
/// ("/o=ExchangeLabs/…") are not email addresses, so the next address is taken.
/// </summary>
public sealed class ContactColumns
{
    private readonly IReadOnlyList<string> headers;
    private readonly (int Column, int LabelColumn)[] phones;
    private readonly int[] emails;

    public ContactColumns(IReadOnlyList<string> headers, IReadOnlyList<ImportField> mapping)
    {
        this.headers = headers;
        var columns = Enumerable.Range(0, mapping.Count);
        phones = [.. columns.Where(i => mapping[i] == ImportField.Phone).Select(i => (i, LabelColumn(headers, i)))];
        emails = [.. columns.Where(i => mapping[i] == ImportField.Email)];
    }

    /// <summary>The row's phone numbers, best first.</summary>
    public IEnumerable<ContactValue> Phones(FileRow row) => phones
        .Select((p, order) => (p.Column, Priority: Priority(p.LabelColumn >= 0 ? row.Cell(p.LabelColumn) : "", headers[p.Column]), order))
        .Where(p => p.Priority < Never)
        .OrderBy(p => p.Priority).ThenBy(p => p.order)
        .SelectMany(p => Values(row, p.Column));

    /// <summary>The row's email addresses, in the file's order.</summary>
    public IEnumerable<ContactValue> Emails(FileRow row) =>
        emails.SelectMany(c => Values(row, c)).Where(v => !IsX500(v.Value));

    private const int Never = 9;

    /// <summary>Mobile first; then the person's own numbers; then their company's or assistant's; fax and pager never.</summary>
    private static int Priority(string label, string header)
    {
        var text = $"{label} {header}".ToLowerInvariant();
        if (text.Contains("fax") || text.Contains("pager") || text.Contains("tty")) return Never;
        if (text.Contains("mobile") || text.Contains("cell") || text.Contains("iphone") || text.Contains("whatsapp")) return 0;
        if (text.Contains("assistant") || text.Contains("company") || text.Contains("callback")) return 3;
        if (text.Contains("primary") || text.Contains("main")) return 1;
        return 2;
    }

    /// <summary>"Phone 1 - Value" is labelled by "Phone 1 - Label" (Google) or "Phone 1 - Type" (older Google exports).</summary>
    private static int LabelColumn(IReadOnlyList<string> headers, int column)
    {
        var header = headers[column];
        if (!header.EndsWith(" - Value", StringComparison.OrdinalIgnoreCase)) return -1;
        var stem = header[..^" - Value".Length];
        for (var i = 0; i < headers.Count; i++)
            if (headers[i].Equals($"{stem} - Label", StringComparison.OrdinalIgnoreCase) || headers[i].Equals($"{stem} - Type", StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }

    /// <summary>Google puts several values of one label in a cell, separated by " ::: ".</summary>
    private static IEnumerable<ContactValue> Values(FileRow row, int column) =>
        GuestCsv.Unprotect(row.Cell(column).Trim()).Split(":::", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => new ContactValue(v, column));

    private static bool IsX500(string value) => value.StartsWith('/') && value.Contains('=');
}
