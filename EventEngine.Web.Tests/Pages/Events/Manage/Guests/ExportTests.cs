using System.Net;
using System.Text;
using EventEngine.Web.Domain;
using EventEngine.Web.Pages.Events.Manage.Guests;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests;

public class ExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_export_is_utf8_with_a_bom_follows_the_filter_and_neutralises_formulas()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Zoë", g =>
        {
            g.LastName = "=HYPERLINK(\"http://evil\")"; g.Status = GuestStatus.Confirmed; g.Phone = "+447700900123";
            g.Notes = "line1\nline2, \"quoted\""; g.Tags = ["@home", "-x"]; g.DietaryNeeds = "\tTabbed"; g.AddedById = admin.Id;
            g.PlusOnesAllowed = 2; g.PlusOnesComing = 2; g.PlusOneNames = ["Tom", "Ana"]; g.PlusOneDietaryNeeds = ["vegan", ""];
            g.Language = Language.Hebrew; g.RsvpMessage = "שמחים לבוא!"; g.AnsweredAt = new DateTime(2027, 3, 1, 14, 5, 0, DateTimeKind.Utc);
        });
        await app.AddGuestAsync(e.Id, "Declined Dan", g => g.Status = GuestStatus.Declined);

        var response = await client.GetAsync($"/events/{e.Id}/guests/export?status=Confirmed");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Test-Wedding-guests.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var records = Csv.Read(new StringReader(Encoding.UTF8.GetString(bytes[3..])), ',').ToList();
        Assert.Equal(ExportModel.Headers, records[0]);
        var row = Assert.Single(records.Skip(1));
        string Cell(string header) => row[Array.IndexOf(ExportModel.Headers, header)];
        Assert.Equal("Zoë", Cell("First name"));
        Assert.Equal("'=HYPERLINK(\"http://evil\")", Cell("Last name"));
        Assert.Equal("'+447700900123", Cell("Phone"));
        Assert.Equal("'\tTabbed", Cell("Dietary needs"));
        Assert.Equal("'@home, -x", Cell("Tags"));
        Assert.Equal("line1\nline2, \"quoted\"", Cell("Notes"));
        Assert.Equal(("Confirmed", admin.DisplayName), (Cell("Status"), Cell("Added by")));
        Assert.Equal(("Tom; Ana", "vegan; ", "Hebrew"), (Cell("Plus-one names"), Cell("Plus-one dietary needs"), Cell("Language")));
        Assert.Equal(("שמחים לבוא!", "2027-03-01 14:05"), (Cell("Message to the hosts"), Cell("Answered at (UTC)")));
    }

    [Fact]
    public async Task A_viewer_cannot_export()
    {
        var (_, admin) = await app.LoggedInAsync();
        var (viewer, viewerUser) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddMemberAsync(e.Id, viewerUser, EventRole.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/events/{e.Id}/guests/export")).StatusCode);
    }
}
