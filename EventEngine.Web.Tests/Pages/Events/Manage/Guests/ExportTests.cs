using System.Net;
using System.Globalization;
using System.Text;
using EventEngine.Web.Domain;
using EventEngine.Web.Pages.Events.Manage.Guests;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
        var records = CsvRecords.Read(Encoding.UTF8.GetString(bytes[3..])).ToList();
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

    [Fact]
    public async Task Every_guest_of_the_event_and_no_other_reads_back_equal_from_the_csv()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var household = new Household { Id = Guid.NewGuid(), EventId = e.Id, Name = "Amir, \"the\" family", CreatedAt = DateTime.UtcNow };
        await app.QueryAsync(db => { db.Households.Add(household); return db.SaveChangesAsync(); });
        string[] names = ["Zoë", "שרה", "ليلى", "小明", "O'Brien", "-minus", "Ana, Maria", "\"Quoted\"", "Line\nbreak", "Ünal"];
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var n = i;
            await app.AddGuestAsync(e.Id, $"{names[n % names.Length]} {n}", g =>
            {
                g.LastName = n % 4 == 0 ? null : names[(n + 3) % names.Length];
                g.Phone = n % 3 == 0 ? null : $"+4477009{n:00000}";
                g.Email = $"guest{n}@example.com";
                g.HouseholdId = n % 5 == 0 ? household.Id : null;
                g.Side = n % 2 == 0 ? "Bride" : null;
                g.Status = (GuestStatus)(n % 3);
                g.PlusOnesAllowed = n % 3; g.PlusOnesComing = g.Status == GuestStatus.Confirmed ? Math.Min(1, g.PlusOnesAllowed) : 0;
                g.PlusOneNames = g.PlusOnesComing > 0 ? [$"Plus {n}"] : [];
                g.PlusOneDietaryNeeds = g.PlusOnesComing > 0 ? ["vegan"] : [];
                g.DietaryNeeds = n % 7 == 0 ? "=cmd|' /C calc'!A0" : n % 2 == 0 ? "no nuts, halal" : null;
                g.TableName = n % 4 == 1 ? $"Table {random.Next(1, 20)}" : null;
                g.Tags = n % 6 == 0 ? ["vip", "family"] : [];
                g.Notes = n % 8 == 0 ? "@mention\nsecond line" : null;
                g.AddedById = admin.Id;
            });
        }
        var other = await app.CreateEventAsync(admin, "Other Party");
        await app.AddGuestAsync(other.Id, "Intruder");

        var bytes = await (await client.GetAsync($"/events/{e.Id}/guests/export")).Content.ReadAsByteArrayAsync();
        var records = CsvRecords.Read(Encoding.UTF8.GetString(bytes[3..])).Skip(1).ToList();
        var guests = await app.QueryAsync(db => db.Guests.Where(g => g.EventId == e.Id).ToListAsync());

        Assert.Equal(60, records.Count);
        Assert.DoesNotContain(records, r => r[0] == "Intruder");
        // A leading =, +, -, @ or tab is written after an apostrophe so spreadsheets show it as text rather than run it.
        static string Safe(string? value) => value is { Length: > 0 } && "=+-@\t\r".Contains(value[0]) ? "'" + value : value ?? "";
        foreach (var g in guests)
        {
            var row = Assert.Single(records, r => r[0] == Safe(g.FirstName) && r[3] == Safe(g.Email));
            Assert.Equal(
                new[]
                {
                    g.FirstName, g.LastName, g.Phone, g.Email, g.HouseholdId is null ? null : household.Name, g.Side, g.Status.Label(),
                    g.PlusOnesAllowed.ToString(CultureInfo.InvariantCulture), g.PlusOnesComing.ToString(CultureInfo.InvariantCulture),
                    string.Join("; ", g.PlusOneNames), string.Join("; ", g.PlusOneDietaryNeeds), g.DietaryNeeds, null, g.TableName,
                    string.Join(", ", g.Tags), g.Notes, null, null, admin.DisplayName, g.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                }.Select(Safe),
                row);
        }
    }
}
