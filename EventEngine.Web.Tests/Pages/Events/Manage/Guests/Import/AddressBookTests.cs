using System.Text;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import.ImportTestKit;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import;

/// <summary>Files shaped like real Google Contacts, Outlook (Exchange) and Excel exports, with the doubtful values real address books hold.</summary>
public class AddressBookTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Google_contacts_use_the_mobile_label_keep_companies_and_lose_no_person_over_one_wrong_value()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var reviewUrl = await UploadAsync(client, e, "contacts.csv", FileBytes("google-contacts-labels.csv"));

        var review = await client.GetPageAsync(reviewUrl);
        Assert.Empty(Problems(review, "problems"));
        Assert.Equal(
        [
            ("5", "Phone 1 - Value", "That is not a valid number for United Kingdom (+44). Check the digits, or start with + and the country code if it is from another country. The guest is added without it."),
            ("6", "Phone 1 - Value", "Extension 12 is left out: messages go to +44 20 7946 0958."),
            ("7", "E-mail 1 - Value", "Enter an email address like name@example.com. The guest is added without it."),
        ], Problems(review, "flags"));
        Assert.Equal("3", Count(review, "flagged"));
        Assert.Equal(["Lena Fischer", "Omar Haddad", "Kenji Sato"], FlaggedGuests(review));

        var summary = await ImportAsync(client, reviewUrl);

        Assert.Equal(("6", "0", "3"), (Count(summary, "added"), Count(summary, "rejected"), Count(summary, "flagged")));
        Assert.Equal(3, Problems(summary, "flags").Count);
        var guests = (await app.GuestsAsync(e.Id)).ToDictionary(g => g.FirstName);
        // Work, Main and Mobile numbers: the mobile, which WhatsApp can reach, whatever its column.
        Assert.Equal("+447400123321", guests["Priya"].Phone);
        // A home number, not the home fax beside it.
        Assert.Equal(("+442079460444", null), (guests["Daniel"].Phone, guests["Daniel"].Email));
        var caterer = guests["Rosewood Catering"];
        Assert.Equal((null, "events@rosewood.example", "+442079460555"), (caterer.LastName, caterer.Email, caterer.Phone));
        Assert.Equal(["Suppliers"], caterer.Tags);
        Assert.Equal((null, "lena.fischer@example.de"), (guests["Lena"].Phone, guests["Lena"].Email));
        Assert.Equal("+442079460958", guests["Omar"].Phone);
        Assert.Equal(("+819012345678", null), (guests["Kenji"].Phone, guests["Kenji"].Email));
    }

    [Fact]
    public async Task An_Exchange_backed_Outlook_export_skips_internal_addresses_and_names_the_column_of_each_problem()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var reviewUrl = await UploadAsync(client, e, "contacts.csv", FileBytes("outlook-exchange.csv"));

        var review = await client.GetPageAsync(reviewUrl);
        Assert.Equal(92, review.QuerySelectorAll(".mapping-row").Length);
        // Björn's bad number was in Home Phone; the first phone column of the file is Assistant's Phone.
        Assert.Equal([("3", "Home Phone", "That is not a valid number for United Kingdom (+44). Check the digits, or start with + and the country code if it is from another country. The guest is added without it.")],
            Problems(review, "flags"));

        var summary = await ImportAsync(client, reviewUrl);

        Assert.Equal(("4", "0"), (Count(summary, "added"), Count(summary, "rejected")));
        var guests = (await app.GuestsAsync(e.Id)).ToDictionary(g => g.FirstName);
        var francoise = guests["Françoise"];
        // Her first address is Exchange's X.500 one (type EX); the second is her real one. Her mobile beats her assistant's line.
        Assert.Equal(("Lévêque", "francoise.leveque@example.fr", "+33612345678"), (francoise.LastName, francoise.Email, francoise.Phone));
        Assert.Equal(["Famille", "VIP"], francoise.Tags);
        Assert.Equal("Allergique aux noix.\r\nArrive la veille.", francoise.Notes);
        Assert.Equal((null, "bjorn.muller@example.de"), (guests["Björn"].Phone, guests["Björn"].Email));
        // Only an X.500 address: no email, but the business number in the file's order.
        Assert.Equal(("Ó Briain", null, "+35312345678"), (guests["Siobhán"].LastName, guests["Siobhán"].Email, guests["Siobhán"].Phone));
        Assert.Equal(("events@rosewood.example", "+442079460555"), (guests["Rosewood Catering"].Email, guests["Rosewood Catering"].Phone));
    }

    [Fact]
    public async Task Rows_are_numbered_as_the_spreadsheet_shows_them_counting_blank_rows()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var reviewUrl = await UploadAsync(client, e, "guests.csv", FileBytes("excel-utf8.csv"));

        var review = await client.GetPageAsync(reviewUrl);

        // Rows 4 and 5 are empty in Excel; Chloé is on row 6 there.
        Assert.Equal([("6", "Mobile", "That is not a valid number for United Kingdom (+44). Check the digits, or start with + and the country code if it is from another country.")],
            Problems(review, "problems"));
        Assert.Equal([("7", "Plus ones", "\"two\" isn't a whole number, so it is left out.")], Problems(review, "flags"));
        var summary = await ImportAsync(client, reviewUrl);
        Assert.Equal(("3", "1"), (Count(summary, "added"), Count(summary, "rejected")));
        var guests = (await app.GuestsAsync(e.Id)).ToDictionary(g => g.FirstName);
        // Excel drops the leading zero of a number it thinks is numeric: 7400123222 is still a UK mobile.
        Assert.Equal(("+447400123111", "+447400123222"), (guests["Amira"].Phone, guests["Ben"].Phone));
        Assert.Equal(("Vegetarian, no nuts", 0), (guests["Dev"].DietaryNeeds, guests["Dev"].PlusOnesAllowed));
    }

    [Fact]
    public async Task A_blank_line_in_a_file_edited_by_hand_counts_as_a_row()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var csv = "Name,Phone\n\nAda,020 7946 0018\n\n\nBad,12\n";

        var review = await client.GetPageAsync(await UploadAsync(client, e, "g.csv", Encoding.UTF8.GetBytes(csv)));

        Assert.Equal("6", Assert.Single(Problems(review, "problems")).Row);
    }

    [Fact]
    public async Task A_row_whose_only_phone_repeats_an_earlier_row_keeps_its_email_and_is_flagged()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var csv = "Name,Phone,Email\nAna Ruiz,020 7946 0018,ana@example.com\nLuis Ruiz,+44 20 7946 0018,luis@example.com\nNo Way,020 7946 0018,\n";

        var reviewUrl = await UploadAsync(client, e, "g.csv", Encoding.UTF8.GetBytes(csv));
        var review = await client.GetPageAsync(reviewUrl);

        Assert.Equal([("3", "Phone", "Same phone number as row 2. The guest is added without it.")], Problems(review, "flags"));
        Assert.Equal([("4", "Phone", "Same phone number as row 2.")], Problems(review, "problems"));
        await ImportAsync(client, reviewUrl);
        var guests = (await app.GuestsAsync(e.Id)).ToDictionary(g => g.FirstName);
        Assert.Equal(("+442079460018", null), (guests["Ana"].Phone, guests["Luis"].Phone));
        Assert.Equal("luis@example.com", guests["Luis"].Email);
        var flags = await app.QueryAsync(db => db.GuestImports.Where(i => i.EventId == e.Id).Select(i => new { i.Flagged, i.Flags }).SingleAsync());
        Assert.Equal(1, flags.Flagged);
        Assert.Equal("Phone", Assert.Single(flags.Flags).Column);
    }
}
