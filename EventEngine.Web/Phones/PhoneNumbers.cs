using System.Globalization;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Phones;

/// <summary>The outcome of reading a typed phone number: E.164 ("+442079460018"), or why it was refused.</summary>
public sealed record PhoneResult(string? E164, string? Error)
{
    public bool IsValid => E164 is not null;
}

/// <summary>
/// Reads phone numbers as people type them ("020 7946 0018", "+44 (0)20…", "0044…") into E.164, using the
/// default country for numbers without a country code. A port of libphonenumber's parse and isValidNumber
/// steps over its own metadata (<see cref="PhoneMetadata"/>), so validity means what libphonenumber means.
/// </summary>
public static class PhoneNumbers
{
    private const int MinNationalLength = 2;
    private const int MaxNationalLength = 17;
    private const int MaxCallingCodeLength = 3;

    public static PhoneResult Normalise(string? input, string? defaultCountry, PhoneMetadata? metadata = null)
    {
        metadata ??= PhoneMetadata.Instance;
        if (string.IsNullOrWhiteSpace(input)) return Refuse("Enter a phone number.");

        var (digits, hasPlus, hasLetters) = Clean(input);
        if (hasLetters) return Refuse("A phone number can only contain digits, spaces and + ( ) - . /");
        if (digits.Length < MinNationalLength) return Refuse("That is too short to be a phone number.");

        NumberingPlan? home = defaultCountry is not null && metadata.Regions.TryGetValue(defaultCountry, out var plan) ? plan : null;
        var extracted = ExtractCallingCode(digits, hasPlus, home, metadata);
        if (extracted.Error is not null) return Refuse(extracted.Error);
        var (callingCode, national) = (extracted.CallingCode!, extracted.National!);

        // Strip a national prefix ("0" in "+44 (0)20…" or "020…") unless what is left is too short to be a number.
        var parsingPlan = callingCode == home?.CallingCode ? home : PlanFor(callingCode, metadata.RegionsByCallingCode[callingCode][0], metadata);
        if (parsingPlan is not null && StripNationalPrefix(national, parsingPlan) is { } stripped
            && LengthCheck(stripped, parsingPlan) is not (LengthResult.TooShort or LengthResult.InvalidLength))
            national = stripped;

        if (national.Length < MinNationalLength) return Refuse("That is too short to be a phone number.");
        if (national.Length > MaxNationalLength) return Refuse("That is too long to be a phone number.");

        return IsValid(callingCode, national, metadata)
            ? new PhoneResult($"+{callingCode}{national}", null)
            : Refuse(NotValidMessage(callingCode, metadata));
    }

    /// <summary>Digits (any script, as ASCII), whether a + came first, and whether letters were typed.</summary>
    private static (string Digits, bool HasPlus, bool HasLetters) Clean(string input)
    {
        var digits = new System.Text.StringBuilder(input.Length);
        bool hasPlus = false, hasLetters = false;
        foreach (var c in input)
        {
            if (c is '+' or '＋')
            {
                if (digits.Length == 0) hasPlus = true;
            }
            else if (char.IsDigit(c))
            {
                digits.Append((char)('0' + (int)CharUnicodeInfo.GetDecimalDigitValue(c)));
            }
            else if (char.IsLetter(c))
            {
                hasLetters = true;
            }
        }
        return (digits.ToString(), hasPlus, hasLetters);
    }

    private sealed record Extraction(string? CallingCode, string? National, string? Error);

    /// <summary>libphonenumber's maybeExtractCountryCode: from a leading +, an international prefix, or the default country.</summary>
    private static Extraction ExtractCallingCode(string digits, bool hasPlus, NumberingPlan? home, PhoneMetadata metadata)
    {
        if (hasPlus) return FromInternational(digits, metadata);

        if (home?.InternationalPrefix?.Match(digits) is { Success: true } idd
            && idd.Length < digits.Length && digits[idd.Length] != '0') // calling codes never start with 0
        {
            var afterIdd = digits[idd.Length..];
            return afterIdd.Length <= MinNationalLength
                ? new Extraction(null, null, "That is too short to be a phone number.")
                : FromInternational(afterIdd, metadata);
        }

        if (home is null)
            return new Extraction(null, null, "Add the country code (for example +44): the event has no default country to read this number with.");

        // The default country's calling code typed without a plus ("447400123291" in GB).
        if (digits.StartsWith(home.CallingCode, StringComparison.Ordinal))
        {
            var potential = digits[home.CallingCode.Length..];
            potential = StripNationalPrefix(potential, home) ?? potential;
            if ((!home.General.Pattern.IsMatch(digits) && home.General.Pattern.IsMatch(potential)) || LengthCheck(digits, home) == LengthResult.TooLong)
                return new Extraction(home.CallingCode, potential, null);
        }
        return new Extraction(home.CallingCode, digits, null);
    }

    private static Extraction FromInternational(string digits, PhoneMetadata metadata)
    {
        if (digits.Length > 0 && digits[0] != '0')
        {
            for (var length = 1; length <= MaxCallingCodeLength && length <= digits.Length; length++)
            {
                var code = digits[..length];
                if (metadata.RegionsByCallingCode.ContainsKey(code)) return new Extraction(code, digits[length..], null);
            }
        }
        var shown = digits[..Math.Min(MaxCallingCodeLength, digits.Length)];
        return new Extraction(null, null, $"+{shown} is not a country calling code.");
    }

    /// <summary>libphonenumber's maybeStripNationalPrefixAndCarrierCode; null when there is nothing to strip.</summary>
    private static string? StripNationalPrefix(string number, NumberingPlan plan)
    {
        if (number.Length == 0 || plan.NationalPrefixForParsing is not { } prefix) return null;
        var match = prefix.Match(number);
        if (!match.Success) return null;

        var viableAsIs = plan.General.Pattern.IsMatch(number);
        var lastGroup = match.Groups[prefix.GetGroupNumbers().Length - 1];
        var result = plan.NationalPrefixTransformRule is null || !lastGroup.Success
            ? number[match.Length..]
            : prefix.Replace(number, plan.NationalPrefixTransformRule, 1);
        // Never turn a number that was fine as typed into one that is not.
        return viableAsIs && !plan.General.Pattern.IsMatch(result) ? null : result;
    }

    private enum LengthResult { Possible, TooShort, TooLong, InvalidLength }

    private static LengthResult LengthCheck(string number, NumberingPlan plan)
    {
        var lengths = plan.General.PossibleLengths;
        if (lengths.Length == 0) return LengthResult.Possible;
        if (number.Length < lengths[0]) return LengthResult.TooShort;
        if (number.Length > lengths[^1]) return LengthResult.TooLong;
        return lengths.Contains(number.Length) ? LengthResult.Possible : LengthResult.InvalidLength;
    }

    /// <summary>libphonenumber's isValidNumber: the number belongs to one of the calling code's regions and is of a known type there.</summary>
    private static bool IsValid(string callingCode, string national, PhoneMetadata metadata)
    {
        foreach (var region in metadata.RegionsByCallingCode[callingCode])
        {
            if (PlanFor(callingCode, region, metadata) is not { } plan) continue;
            var belongs = plan.LeadingDigits is { } leading ? leading.IsMatch(national) : IsKnownType(national, plan);
            if (belongs) return IsKnownType(national, plan);
        }
        return false;
    }

    private static bool IsKnownType(string national, NumberingPlan plan) =>
        plan.General.Matches(national) && plan.Types.Any(t => t.Matches(national));

    private static NumberingPlan? PlanFor(string callingCode, string region, PhoneMetadata metadata) =>
        region == "001" ? metadata.NonGeographic.GetValueOrDefault(callingCode) : metadata.Regions.GetValueOrDefault(region);

    private static string NotValidMessage(string callingCode, PhoneMetadata metadata)
    {
        var region = metadata.RegionsByCallingCode[callingCode][0];
        var place = region == "001" ? $"+{callingCode}" : $"{Countries.NameOf(region)} (+{callingCode})";
        return $"That is not a valid number for {place}. Check the digits, or start with + and the country code if it is from another country.";
    }

    private static PhoneResult Refuse(string error) => new(null, error);
}
