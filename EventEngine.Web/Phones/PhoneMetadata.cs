using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventEngine.Web.Phones;

/// <summary>
/// Google libphonenumber's numbering plans, read from the metadata that the npm package libphonenumber-js
/// publishes (metadata.max.json, embedded at build time). Nothing here is written per country by hand.
/// </summary>
public sealed class PhoneMetadata
{
    public static PhoneMetadata Instance { get; } = Load();

    /// <summary>Calling code (e.g. "44") to its regions, main region first.</summary>
    public IReadOnlyDictionary<string, string[]> RegionsByCallingCode { get; }
    public IReadOnlyDictionary<string, NumberingPlan> Regions { get; }

    /// <summary>Plans of calling codes that belong to no country (+800, +870, …), keyed by calling code.</summary>
    public IReadOnlyDictionary<string, NumberingPlan> NonGeographic { get; }

    private PhoneMetadata(Dictionary<string, string[]> byCode, Dictionary<string, NumberingPlan> regions, Dictionary<string, NumberingPlan> nonGeographic)
    {
        RegionsByCallingCode = byCode;
        Regions = regions;
        NonGeographic = nonGeographic;
    }

    private static PhoneMetadata Load()
    {
        using var stream = typeof(PhoneMetadata).Assembly.GetManifestResourceStream("phone-metadata.json")
            ?? throw new InvalidOperationException("phone-metadata.json is not embedded: the build copies it from npm's libphonenumber-js.");
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var byCode = root.GetProperty("country_calling_codes").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(r => r.GetString()!).ToArray());
        var regions = root.GetProperty("countries").EnumerateObject().ToDictionary(p => p.Name, p => NumberingPlan.Parse(p.Value));
        var nonGeographic = root.TryGetProperty("nonGeographic", out var ng)
            ? ng.EnumerateObject().ToDictionary(p => p.Name, p => NumberingPlan.Parse(p.Value))
            : [];
        return new PhoneMetadata(byCode, regions, nonGeographic);
    }
}

/// <summary>A pattern of national numbers with the lengths it allows (a "number description" in libphonenumber).</summary>
public sealed record NumberPattern(Regex Pattern, int[] PossibleLengths)
{
    public bool Matches(string nationalNumber) =>
        (PossibleLengths.Length == 0 || PossibleLengths.Contains(nationalNumber.Length)) && Pattern.IsMatch(nationalNumber);
}

/// <summary>One region's numbering plan. Field positions follow libphonenumber-js's compact metadata (version 4).</summary>
public sealed record NumberingPlan(
    string CallingCode,
    Regex? InternationalPrefix,
    NumberPattern General,
    Regex? NationalPrefixForParsing,
    string? NationalPrefixTransformRule,
    Regex? LeadingDigits,
    IReadOnlyList<NumberPattern> Types)
{
    public static NumberingPlan Parse(JsonElement plan)
    {
        var lengths = Lengths(At(plan, 3));
        var nationalPrefix = Text(At(plan, 5));
        var types = At(plan, 11) is { ValueKind: JsonValueKind.Array } typeArray
            ? typeArray.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.Array)
                .Select(t => new NumberPattern(Whole(t[0].GetString()!), t.GetArrayLength() > 1 ? Lengths(t[1]) : lengths))
                .ToList()
            : [];
        return new NumberingPlan(
            CallingCode: At(plan, 0).GetString()!,
            InternationalPrefix: Text(At(plan, 1)) is { } idd ? Start(idd) : null,
            General: new NumberPattern(Whole(At(plan, 2).GetString()!), lengths),
            // libphonenumber parses with the national prefix itself when no separate rule is given.
            NationalPrefixForParsing: (Text(At(plan, 7)) ?? nationalPrefix) is { } prefix ? Start(prefix) : null,
            // "$1" becomes "${1}" so that a digit after it is not read as part of the group number.
            NationalPrefixTransformRule: Text(At(plan, 8)) is { } rule ? Regex.Replace(rule, @"\$(\d)", "$${$1}") : null,
            LeadingDigits: Text(At(plan, 10)) is { } leading ? Start(leading) : null,
            Types: types);
    }

    private static JsonElement At(JsonElement array, int index) => index < array.GetArrayLength() ? array[index] : default;

    // The compact format writes 0 (or nothing) where a value is absent.
    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static int[] Lengths(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetInt32()).ToArray() : [];

    private static Regex Whole(string pattern) => new($"^(?:{pattern})$", RegexOptions.CultureInvariant);
    private static Regex Start(string pattern) => new($"^(?:{pattern})", RegexOptions.CultureInvariant);
}
