using EventEngine.Web.Data;
using EventEngine.Web.Phones;

namespace EventEngine.Web.Tests.Phones;

public class TelephoneTests
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
            var result = Telephone.Normalise(input, region);
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
        Assert.Equal(e164, Telephone.Normalise(typed, country).E164);
    }

    [Theory]
    [InlineData("", "Enter a phone number.")]
    [InlineData("call me", "can only contain digits")]
    [InlineData("1", "too short")]
    [InlineData("+999 1234 5678", "+999 is not a country calling code")]
    [InlineData("020 7946", "not a valid number for United Kingdom (+44)")]
    public void Impossible_numbers_are_refused_with_a_reason(string typed, string reason)
    {
        var result = Telephone.Normalise(typed, "GB");

        Assert.Null(result.E164);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void A_number_without_a_country_code_needs_a_known_default_country()
    {
        Assert.Contains("Add the country code", Telephone.Normalise("020 7946 0018", "XX").Error);
        Assert.Equal("+442079460018", Telephone.Normalise("+44 20 7946 0018", "XX").E164);
    }

    [Fact]
    public void A_number_dialled_with_the_home_countrys_international_prefix_is_explained_in_terms_of_that_country()
    {
        // In Thailand 006 dials abroad, so "0066…" reads as a number in Wallis & Futuna (+681).
        var result = Telephone.Normalise("0066812345894", "TH");

        Assert.Null(result.E164);
        Assert.Equal("In Thailand, 006 starts a call abroad, so this reads as a number in Wallis & Futuna (+681), and it is not valid there. " +
            "For a number in Thailand, start with 0 or +66.", result.Error);
        Assert.Equal("+66812345894", Telephone.Normalise("081 234 5894", "TH").E164);
    }

    [Fact]
    public void An_extension_keeps_the_number_and_is_reported_apart()
    {
        var result = Telephone.Normalise("+44 20 7946 0958 ext. 12", "GB");

        Assert.Equal(("+442079460958", "12"), (result.E164, result.Extension));
        Assert.Null(Telephone.Normalise("+44 20 7946 0958", "GB").Extension);
    }

    [Theory]
    [InlineData("+442079460018", "+44 20 7946 0018")]
    [InlineData("+447400123456", "+44 7400 123456")]
    [InlineData("+12125550100", "+1 212-555-0100")]
    [InlineData("+66812345894", "+66 81 234 5894")]
    [InlineData("+447700900123", "+447700900123")] // not a valid number: shown as stored
    public void Stored_numbers_are_shown_in_international_format(string e164, string shown)
    {
        Assert.Equal(shown, Telephone.Display(e164));
    }

    [Theory]
    [InlineData("+447400123456", true)]  // UK mobile
    [InlineData("+442079460018", false)] // London landline
    [InlineData("+12125550100", true)]   // US numbers can be either
    [InlineData("+46701234567", true)]   // Swedish mobile
    [InlineData("+4681234567", false)]   // Stockholm landline
    [InlineData("+447700900123", false)] // not a valid number at all
    public void Only_numbers_that_can_be_mobiles_can_have_WhatsApp(string e164, bool mobile)
    {
        Assert.Equal(mobile, Telephone.CanBeMobile(e164));
    }

    [Theory]
    [InlineData("GB")]
    [InlineData("US")]
    [InlineData("IL")]
    [InlineData("TH")]
    [InlineData("DE")]
    public void The_example_number_offered_in_forms_is_itself_a_valid_mobile_number(string country)
    {
        var example = Telephone.Example(country)!;

        var read = Telephone.Normalise(example, country);
        Assert.True(read.IsValid, $"{example}: {read.Error}");
        Assert.True(Telephone.CanBeMobile(read.E164!));
    }

    [Fact]
    public void Every_demo_guest_phone_number_is_valid()
    {
        var (_, guests) = DemoGuests.Create(Guid.NewGuid(), Guid.NewGuid(), DateTime.UtcNow);

        var invalid = guests.Where(g => g.Phone is not null && Telephone.Normalise(g.Phone, "GB").E164 != g.Phone).Select(g => g.Phone).ToList();

        Assert.Empty(invalid);
    }
}
