using EventEngine.Web.Data;
using EventEngine.Web.Phones;

namespace EventEngine.Web.Tests.Phones;

public class PhoneNumbersTests
{
    /// <summary>
    /// cases.tsv is copied from shared/data/phones (see cases.README.md): inputs as people type them, with the
    /// answers Google's libphonenumber gives. Every one must agree.
    /// </summary>
    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Phones", "cases.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length < 4) continue;
            data.Add(columns[0], columns[1], columns[2], columns[3]);
        }
        return data;
    }

    [Fact]
    public void All_cases_from_libphonenumber_agree()
    {
        var cases = Cases();
        var disagreements = new List<string>();
        foreach (var row in cases)
        {
            var (input, region, expected, kind) = ((string)row[0], (string)row[1], (string)row[2], (string)row[3]);
            var result = PhoneNumbers.Normalise(input, region);
            var actual = result.E164 ?? "";
            if (actual != expected) disagreements.Add($"{kind}: '{input}' in {region} gave '{actual}' ({result.Error}), expected '{expected}'");
        }

        Assert.True(cases.Count > 2000, $"Only {cases.Count} cases were read.");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {cases.Count} disagree:\n" + string.Join("\n", disagreements.Take(40)));
    }

    [Theory]
    [InlineData("020 7946 0018", "GB", "+442079460018")]
    [InlineData("+44 (0)20 7946 0018", "GB", "+442079460018")]
    [InlineData("0044 20 7946 0018", "GB", "+442079460018")]
    [InlineData("020-7946-0018", "GB", "+442079460018")]
    [InlineData("020.7946.0018", "GB", "+442079460018")]
    [InlineData("+44 20 7946 0018", "US", "+442079460018")]
    [InlineData("٠٢٠ ٧٩٤٦ ٠٠١٨", "GB", "+442079460018")]
    public void Numbers_are_read_the_way_people_type_them(string typed, string country, string e164)
    {
        Assert.Equal(e164, PhoneNumbers.Normalise(typed, country).E164);
    }

    [Theory]
    [InlineData("", "Enter a phone number.")]
    [InlineData("call me", "can only contain digits")]
    [InlineData("1", "too short")]
    [InlineData("+999 1234 5678", "+999 is not a country calling code")]
    [InlineData("020 7946", "not a valid number for United Kingdom (+44)")]
    public void Impossible_numbers_are_refused_with_a_reason(string typed, string reason)
    {
        var result = PhoneNumbers.Normalise(typed, "GB");

        Assert.Null(result.E164);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void A_number_without_a_country_code_needs_a_known_default_country()
    {
        Assert.Contains("Add the country code", PhoneNumbers.Normalise("020 7946 0018", "XX").Error);
        Assert.Equal("+442079460018", PhoneNumbers.Normalise("+44 20 7946 0018", "XX").E164);
    }

    [Fact]
    public void Every_demo_guest_phone_number_is_valid()
    {
        var (_, guests) = DemoGuests.Create(Guid.NewGuid(), Guid.NewGuid(), DateTime.UtcNow);

        var invalid = guests.Where(g => g.Phone is not null && PhoneNumbers.Normalise(g.Phone, "GB").E164 != g.Phone).Select(g => g.Phone).ToList();

        Assert.Empty(invalid);
    }
}
