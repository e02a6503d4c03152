using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EventEngine.Web.Domain;

/// <summary>URL names: "Café Müller & Co." → "cafe-muller-co". Letters without an ASCII form (Hebrew, say) are left out.</summary>
public static partial class Slugs
{
    public static string From(string text)
    {
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c);
        var slug = NotSlug().Replace(folded.ToString().ToLowerInvariant(), "-").Trim('-');
        return slug.Length <= Organisation.SlugMaxLength ? slug : slug[..Organisation.SlugMaxLength].TrimEnd('-');
    }

    public static bool IsValid(string slug) => slug.Length is >= 3 and <= Organisation.SlugMaxLength && Valid().IsMatch(slug);

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Valid();
}
