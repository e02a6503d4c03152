using System.Text;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// What the guest table shows: filters, search, sort and page, read from the query string so a URL reproduces the view.
/// Values that do not bind (a made-up status, page=abc) are ignored rather than refused: a stale link still opens.
/// </summary>
public sealed class GuestFilter
{
    public const int PageSize = 50;
    public const string NoSide = "(none)";
    private const int MaxSearchWords = 6;

    public string? Q { get; set; }
    public GuestStatus? Status { get; set; }
    /// <summary>For a public event: where people's registrations stand.</summary>
    public GuestRegistration? Registration { get; set; }
    /// <summary>Marked as arrived at the door (true), or not (false).</summary>
    public bool? Arrived { get; set; }
    public string? Side { get; set; }
    public string? Tag { get; set; }
    public Guid? Household { get; set; }
    public bool Mine { get; set; }
    public string? Sort { get; set; }
    public bool Desc { get; set; }
    /// <summary>From the query string only: "page" is also the route value Razor Pages uses for the page's path.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int Page { get; set; } = 1;

    public static readonly IReadOnlyList<(string Key, string Label)> Sorts =
    [
        ("name", "Name"), ("status", "Status"), ("side", "Side"), ("household", "Household"), ("table", "Table"), ("added", "Added"),
    ];

    public string SortKey => Sorts.Any(s => s.Key == Sort) ? Sort! : "name";

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Status is not null || Registration is not null || Arrived is not null || !string.IsNullOrEmpty(Side)
        || !string.IsNullOrEmpty(Tag) || Household is not null || Mine;

    public IQueryable<Guest> Apply(IQueryable<Guest> guests, Guid currentUserId)
    {
        if (Status is { } status) guests = guests.Where(g => g.Status == status);
        if (Registration is { } registration) guests = guests.Where(g => g.Registration == registration);
        if (Arrived is { } arrived) guests = guests.Where(g => g.Attendances.Any() == arrived);
        if (Side == NoSide) guests = guests.Where(g => g.Side == null);
        else if (!string.IsNullOrEmpty(Side)) guests = guests.Where(g => g.Side == Side);
        if (!string.IsNullOrEmpty(Tag)) guests = guests.Where(g => g.Tags.Contains(Tag));
        if (Household is { } household) guests = guests.Where(g => g.HouseholdId == household);
        if (Mine) guests = guests.Where(g => g.AddedById == currentUserId);
        // A query that looks like a phone number is one fragment of digits ("07700 900" finds +447700900…);
        // anything else is words that must all appear somewhere in the name, email or phone.
        var words = PhoneDigits(Q) is { } digits ? [digits] : SearchWords();
        foreach (var word in words)
        {
            // Both sides fold the same way in the database (ee_unaccent, then lower), so "Zoë" finds "zoe" and "ZOE".
            var pattern = "%" + EscapeLike(word) + "%";
            guests = guests.Where(g => EF.Functions.Like(g.SearchText!, AppDbContext.Unaccent(pattern).ToLower(), "\\"));
        }
        return guests;
    }

    /// <summary>
    /// The chosen column, then name order, then id (so pages never shift). Empty values sort last going up and first
    /// going down, PostgreSQL's own order, which lets indexes serve the sort.
    /// </summary>
    public IOrderedQueryable<Guest> Order(IQueryable<Guest> guests)
    {
        var ordered = (SortKey, Desc) switch
        {
            ("status", false) => guests.OrderBy(g => g.Status),
            ("status", true) => guests.OrderByDescending(g => g.Status),
            ("side", false) => guests.OrderBy(g => g.Side),
            ("side", true) => guests.OrderByDescending(g => g.Side),
            ("household", false) => guests.OrderBy(g => g.Household!.Name),
            ("household", true) => guests.OrderByDescending(g => g.Household!.Name),
            ("table", false) => guests.OrderBy(g => g.TableName),
            ("table", true) => guests.OrderByDescending(g => g.TableName),
            ("added", false) => guests.OrderBy(g => g.CreatedAt),
            ("added", true) => guests.OrderByDescending(g => g.CreatedAt),
            _ => null,
        };
        if (ordered is null)
            return Desc ? guests.OrderByDescending(g => g.SortName).ThenByDescending(g => g.Id) : guests.OrderBy(g => g.SortName).ThenBy(g => g.Id);
        return ordered.ThenBy(g => g.SortName).ThenBy(g => g.Id);
    }

    public IEnumerable<string> SearchWords() =>
        (Q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxSearchWords);

    /// <summary>The query string for this view with some values changed, e.g. the next page, another sort, or no household.</summary>
    public string Url(string basePath, string? sort = null, bool? desc = null, int? page = null, bool household = true)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(Q)) query["q"] = Q.Trim();
        if (Status is { } status) query["status"] = status.ToString();
        if (Registration is { } registration) query["registration"] = registration.ToString();
        if (Arrived is { } arrived) query["arrived"] = arrived ? "true" : "false";
        if (!string.IsNullOrEmpty(Side)) query["side"] = Side;
        if (!string.IsNullOrEmpty(Tag)) query["tag"] = Tag;
        if (Household is { } id && household) query["household"] = id.ToString();
        if (Mine) query["mine"] = "true";
        var sortKey = sort ?? Sort;
        if (sortKey is not null && sortKey != "name") query["sort"] = sortKey;
        if (desc ?? Desc) query["desc"] = "true";
        var pageNumber = page ?? Page;
        if (pageNumber > 1) query["page"] = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(basePath, query);
    }

    internal static string EscapeLike(string word)
    {
        var escaped = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (c is '\\' or '%' or '_') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>"07700 900" or "(020)" also finds stored E.164 numbers: digits only, without the national leading zero.</summary>
    private static string? PhoneDigits(string? query)
    {
        var word = (query ?? "").Trim();
        if (word.Length == 0 || !word.All(c => char.IsAsciiDigit(c) || c is '+' or '(' or ')' or '-' or '.' or ' ')) return null;
        var digits = new string(word.Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        return digits.Length >= 3 ? digits : null;
    }
}
