using System.Globalization;

namespace EventEngine.Web.Publishing;

/// <summary>How a public event's price reads: "Free", or "From €12.50" in the currency's own symbol.</summary>
public static class Prices
{
    public static string Label(decimal? priceFrom, string? currency) =>
        priceFrom is { } price && currency is { } code ? "From " + Format(price, code) : "Free";

    public static string Format(decimal price, string currency)
    {
        var symbol = Distinct.GetValueOrDefault(currency) ?? Symbols.Value.GetValueOrDefault(currency, currency + " ");
        return symbol + price.ToString(price == decimal.Truncate(price) ? "0" : "0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>Currencies of the countries the cities are in, for the event form's list.</summary>
    public static IReadOnlyList<string> Codes(IEnumerable<string> countries) =>
        countries.Select(Currency).OfType<string>().Distinct().Order().ToList();

    public static string? Currency(string country)
    {
        try { return new RegionInfo(country).ISOCurrencySymbol; }
        catch (ArgumentException) { return null; }
    }

    // Many currencies write "$"; in a catalog of many countries each says which dollar (or peso) it is.
    private static readonly Dictionary<string, string> Distinct = new()
    {
        ["USD"] = "US$",
        ["AUD"] = "A$",
        ["CAD"] = "CA$",
        ["NZD"] = "NZ$",
        ["HKD"] = "HK$",
        ["SGD"] = "S$",
        ["MXN"] = "MX$",
        ["BRL"] = "R$",
        ["ARS"] = "AR$",
        ["CLP"] = "CLP ",
        ["COP"] = "COP ",
    };

    private static readonly Lazy<Dictionary<string, string>> Symbols = new(() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
        .OfType<RegionInfo>()
        .GroupBy(r => r.ISOCurrencySymbol)
        // The symbol most regions use for it, so the euro reads "€" rather than one country's spelling.
        .ToDictionary(g => g.Key, g => g.GroupBy(r => r.CurrencySymbol).OrderByDescending(s => s.Count()).First().Key));
}
