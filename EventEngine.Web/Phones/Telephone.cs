using System.Globalization;
using System.Text.RegularExpressions;
using EventEngine.Web.Domain;
using PhoneNumbers;

namespace EventEngine.Web.Phones;

/// <summary>
/// The outcome of reading a typed phone number: E.164 ("+442079460018"), or why it was refused. An extension typed
/// after the number ("ext. 12") is kept apart: messages go to the number itself.
/// </summary>
public sealed record PhoneResult(string? E164, string? Error, string? Extension = null)
{
    public bool IsValid => E164 is not null;
}

/// <summary>
/// The app's thin adapter over Google's libphonenumber (libphonenumber-csharp): numbers as people type them
/// ("020 7946 0018", "+44 (0)20…", "0044…") to E.164 for storage, back to international format for reading, and
/// whether a number can be a mobile. Messages explain a refusal in terms of the event's country.
/// </summary>
public static class Telephone
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static PhoneResult Normalise(string? input, string? defaultCountry)
    {
        if (string.IsNullOrWhiteSpace(input)) return Refuse("Enter a phone number.");
        var home = defaultCountry is not null && Util.GetSupportedRegions().Contains(defaultCountry) ? defaultCountry : null;
        PhoneNumber number;
        try
        {
            number = Util.ParseAndKeepRawInput(input, home ?? "ZZ");
        }
        catch (NumberParseException ex)
        {
            return Refuse(ParseError(ex.ErrorType, input, home));
        }
        return Util.IsValidNumber(number)
            ? new PhoneResult(Util.Format(number, PhoneNumberFormat.E164), null, number.HasExtension ? number.Extension : null)
            : Refuse(NotValid(number, home));
    }

    /// <summary>A stored E.164 number as people read it ("+44 20 7946 0018"); anything unreadable is shown as stored.</summary>
    public static string Display(string e164)
    {
        try
        {
            var number = Util.Parse(e164, "ZZ");
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.INTERNATIONAL) : e164;
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary>
    /// Whether the number can belong to a mobile phone, and so to a WhatsApp account. Some countries (the US among
    /// them) number mobiles and landlines alike; those numbers can be either.
    /// </summary>
    public static bool CanBeMobile(string e164)
    {
        try
        {
            return Util.GetNumberType(Util.Parse(e164, "ZZ")) is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>A valid mobile number of the country as it is dialled there ("07400 123456"), for form placeholders.</summary>
    public static string? Example(string? country) =>
        country is not null && Util.GetExampleNumberForType(country, PhoneNumberType.MOBILE) is { } example
            ? Util.Format(example, PhoneNumberFormat.NATIONAL)
            : null;

    private static string ParseError(ErrorType error, string input, string? home)
    {
        var plus = input.TrimStart() is ['+' or '＋', ..];
        if (error == ErrorType.INVALID_COUNTRY_CODE && plus)
            return $"+{new string(input.Where(char.IsDigit).Take(3).Select(Ascii).ToArray())} is not a country calling code.";
        if (error == ErrorType.INVALID_COUNTRY_CODE)
            return "Add the country code (for example +44): the event has no default country to read this number with.";
        if (error == ErrorType.NOT_A_NUMBER && input.Any(char.IsLetter))
            return "A phone number can only contain digits, spaces and + ( ) - . /";
        return error == ErrorType.TOO_LONG ? "That is too long to be a phone number." : "That is too short to be a phone number.";
    }

    /// <summary>
    /// Says which country the number was read as belonging to. A number dialled with the home country's international
    /// prefix (in Thailand "006…") was read as a foreign one, which the person rarely meant, so that is spelled out.
    /// </summary>
    private static string NotValid(PhoneNumber number, string? home)
    {
        var callingCode = number.CountryCode;
        var region = Util.GetRegionCodeForCountryCode(callingCode);
        var place = region == "001" ? $"+{callingCode}" : $"{Countries.NameOf(region)} (+{callingCode})";
        if (home is not null && number.CountryCodeSource == PhoneNumber.Types.CountryCodeSource.FROM_NUMBER_WITH_IDD && region != home)
        {
            var digits = new string(number.RawInput.Where(char.IsDigit).Select(Ascii).ToArray());
            var prefix = Regex.Match(digits, $"^(?:{Util.GetMetadataForRegion(home).InternationalPrefix})").Value;
            var homeCode = Util.GetCountryCodeForRegion(home);
            var trunk = Util.GetNddPrefixForRegion(home, true);
            var local = string.IsNullOrEmpty(trunk) ? $"+{homeCode}" : $"{trunk} or +{homeCode}";
            return $"In {Countries.NameOf(home)}, {prefix} starts a call abroad, so this reads as a number in {place}, and it is not valid there. " +
                $"For a number in {Countries.NameOf(home)}, start with {local}.";
        }
        return $"That is not a valid number for {place}. Check the digits, or start with + and the country code if it is from another country.";
    }

    private static char Ascii(char digit) => (char)('0' + (int)CharUnicodeInfo.GetDecimalDigitValue(digit));

    private static PhoneResult Refuse(string error) => new(null, error);
}
