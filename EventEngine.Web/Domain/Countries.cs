using System.Globalization;

namespace EventEngine.Web.Domain;

/// <summary>ISO 3166-1 alpha-2 countries known to the platform's ICU data, for the default phone country.</summary>
public static class Countries
{
    public static IReadOnlyList<(string Code, string Name)> All { get; } = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
        .Where(r => r is not null && r.TwoLetterISORegionName.Length == 2 && r.TwoLetterISORegionName.All(char.IsAsciiLetterUpper))
        .DistinctBy(r => r!.TwoLetterISORegionName)
        .Select(r => (r!.TwoLetterISORegionName, r.EnglishName))
        .OrderBy(c => c.EnglishName, StringComparer.InvariantCulture)
        .ToList();

    public static bool IsKnown(string? code) => code is not null && All.Any(c => c.Code == code);

    public static string NameOf(string code) => All.FirstOrDefault(c => c.Code == code).Name ?? code;
}
