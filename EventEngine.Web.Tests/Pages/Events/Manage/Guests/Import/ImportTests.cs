using System.Net;
using System.Text;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Rsvp;
using Microsoft.EntityFrameworkCore;

using static EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import.ImportTestKit;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import;

[StartsFirst]
public class ImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_Google_Contacts_export_imports_without_editing()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var reviewUrl = await UploadAsync(client, e, "contacts.csv", FileBytes("google-contacts.csv"));

        var review = await client.GetPageAsync(reviewUrl);
        string Mapped(string header) => review.QuerySelectorAll(".mapping-row").Single(r => r.QuerySelector("label")!.TextContent == header)
            .QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select")!.Value ?? "";
        Assert.Equal(("FirstName", "LastName", "Email", "Phone", "Tags", "Notes"),
            (Mapped("First Name"), Mapped("Last Name"), Mapped("E-mail 1 - Value"), Mapped("Phone 1 - Value"), Mapped("Labels"), Mapped("Notes")));
        Assert.Equal(("Ignore", "Ignore", "Ignore"), (Mapped("Phonetic First Name"), Mapped("Phone 1 - Label"), Mapped("Address 1 - Formatted")));
        var problem = review.QuerySelector("[data-testid=problems] tbody tr")!.Children.Select(c => c.TextContent).ToList();
        Assert.Equal("5", problem[0]);
        Assert.Equal("Phone 1 - Value", problem[1]);
        Assert.StartsWith("That is not a valid number", problem[2]);

        var summary = await ImportAsync(client, reviewUrl);

        Assert.Equal(("3", "0", "0", "1"), (Count(summary, "added"), Count(summary, "updated"), Count(summary, "skipped"), Count(summary, "rejected")));
        var guests = await app.GuestsAsync(e.Id);
        Assert.Equal(["Nomvula", "Tom", "Zoë"], guests.Select(g => g.FirstName));
        var zoe = guests.Single(g => g.FirstName == "Zoë");
        Assert.Equal(("Ångström", "+46701234567", "zoe@example.se", "Met at uni,\nloves \"jazz\""), (zoe.LastName, zoe.Phone, zoe.Email, zoe.Notes));
        Assert.Equal(["Family"], zoe.Tags);
        // Tom's first phone column is labelled Home and his second Mobile: the mobile is the one WhatsApp can reach.
        Assert.Equal(("O'Brien", "+447911123456"), (guests.Single(g => g.FirstName == "Tom").LastName, guests.Single(g => g.FirstName == "Tom").Phone));
        Assert.All(guests, g => Assert.Equal(admin.Id, g.AddedById));

        var rejected = await client.GetAsync(summary.QuerySelector("a[href*='handler=rejected']")!.GetAttribute("href")!);
        var bytes = await rejected.Content.ReadAsByteArrayAsync();
        var records = CsvRecords.Read(Encoding.UTF8.GetString(bytes[3..])).ToList();
        Assert.Equal("Problems", records[0][^1]);
        var row = Assert.Single(records.Skip(1));
        Assert.Equal("Broken", row[0]);
        Assert.StartsWith("Phone 1 - Value: That is not a valid number", row[^1]);
    }

    [Fact]
    public async Task An_Outlook_export_in_Windows_1252_keeps_its_accents_and_prefers_the_mobile_number()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var summary = await ImportAsync(client, await UploadAsync(client, e, "outlook.csv", FileBytes("outlook.csv")));

        Assert.Equal("2", Count(summary, "added"));
        var guests = await app.GuestsAsync(e.Id);
        var jose = guests.Single(g => g.FirstName == "José");
        Assert.Equal(("Muñoz", "+447400123456", "jose@example.es", "Café owner"), (jose.LastName, jose.Phone, jose.Email, jose.Notes));
        Assert.Equal(["Family", "Friends"], jose.Tags);
        var renee = guests.Single(g => g.FirstName == "Renée");
        Assert.Equal(("Lefèvre", null, "renee@example.fr"), (renee.LastName, renee.Phone, renee.Email));
    }

    public static TheoryData<string, byte[]> Encodings()
    {
        const string csv = "Name;Email;Notes\r\n\"Zoë Ångström\";zoe@example.com;\"two\r\nlines; with separator\"\r\nJosé Muñoz;jose@example.com;\r\n";
        return new()
        {
            { "utf-8 with BOM, semicolons", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)] },
            { "utf-8, commas", Encoding.UTF8.GetBytes(csv.Replace(';', ',')) },
            { "utf-16 LE with BOM, tabs", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv.Replace(';', '\t'))] },
            { "utf-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(csv)] },
            { "utf-16 LE without BOM", Encoding.Unicode.GetBytes(csv) },
            { "windows-1252", CodePages().GetBytes(csv) },
        };
    }

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Each_encoding_and_separator_excel_writes_reads_the_same(string description, byte[] content)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var summary = await ImportAsync(client, await UploadAsync(client, e, "guests.csv", content));

        Assert.True(Count(summary, "added") == "2", description);
        var guests = await app.GuestsAsync(e.Id);
        Assert.Equal([("José", "Muñoz"), ("Zoë", "Ångström")], guests.Select(g => (g.FirstName, g.LastName!)));
        Assert.Equal("two\r\nlines; with separator".Replace(";", description.Contains("commas") ? "," : description.Contains("tabs") ? "\t" : ";"), guests[1].Notes);
    }

    [Fact]
    public async Task Children_without_an_address_import_into_a_household_that_someone_reachable_is_in_and_only_once()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var ngozi = Assert.Single(await app.AddHouseholdAsync(e.Id, "Okafor", ("Ngozi", 0)));
        var file = Encoding.UTF8.GetBytes(
            "Name,Email,Household\nPriya Raman,priya@example.com,The Ramans\nMaya Raman,,The Ramans\nAda Okafor,,okafor\nLone Child,,The Nobodies\nNo Household,,\n");

        var reviewUrl = await UploadAsync(client, e, "families.csv", file);
        var problems = Problems(await client.GetPageAsync(reviewUrl), "problems");
        var summary = await ImportAsync(client, reviewUrl);

        Assert.Equal(("3", "2"), (Count(summary, "added"), Count(summary, "rejected")));
        Assert.Equal([
            ("5", "Email", "Add a phone number or an email address: no one else in The Nobodies has one, so the household's invitation could not reach them."),
            ("6", "Email", "Add a phone number or an email address, so the invitation can reach this guest."),
        ], problems);
        var guests = await app.GuestsAsync(e.Id);
        var maya = guests.Single(g => g.FirstName == "Maya");
        Assert.Equal((null, null, "The Ramans"), (maya.Phone, maya.Email, maya.Household!.Name));
        Assert.Equal(ngozi.HouseholdId, guests.Single(g => g.FirstName == "Ada").HouseholdId);

        // The same file again: the children are recognised by name within their household, as the adults by email.
        var again = await client.GetPageAsync(await UploadAsync(client, e, "families.csv", file));

        Assert.Equal(("0", "3", "2"), (Count(again, "new"), Count(again, "skipped"), Count(again, "rejected")));
    }

    [Fact]
    public async Task A_JSON_array_imports_with_tags_and_numbers()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var json = """
            [
              {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "tags": ["vip", "family"], "plus_ones": 2, "household": "Lovelaces", "status": "yes"},
              {"first_name": "Byron", "email": "byron@example.com", "household": "lovelaces", "status": "maybe"}
            ]
            """;

        var summary = await ImportAsync(client, await UploadAsync(client, e, "guests.json", Encoding.UTF8.GetBytes(json)));

        Assert.Equal("2", Count(summary, "added"));
        var guests = await app.GuestsAsync(e.Id);
        Assert.Equal((GuestStatus.Confirmed, 2, "Lovelaces"), (guests[0].Status, guests[0].PlusOnesAllowed, guests[0].Household!.Name));
        Assert.Equal(["vip", "family"], guests[0].Tags);
        Assert.Equal((GuestStatus.Invited, guests[0].HouseholdId), (guests[1].Status, guests[1].HouseholdId));
    }

    [Theory]
    [InlineData("Skip", "0", "1", "Old Name")]
    [InlineData("Update", "1", "0", "New Name")]
    public async Task Guests_already_on_the_list_are_skipped_or_updated_as_chosen(string policy, string updated, string skipped, string expectedName)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var existing = await app.AddGuestAsync(e.Id, "Old Name", g => { g.Email = "same@example.com"; g.Notes = "Kept"; });
        var csv = "Name,Email,Table\nNew Name,SAME@example.com,Table 9\nAnother,another@example.com,\n";

        var summary = await ImportAsync(client, await UploadAsync(client, e, "g.csv", Encoding.UTF8.GetBytes(csv)), policy);

        Assert.Equal(("1", updated, skipped), (Count(summary, "added"), Count(summary, "updated"), Count(summary, "skipped")));
        var after = (await app.GuestsAsync(e.Id)).Single(g => g.Id == existing.Id);
        Assert.Equal(expectedName, $"{after.FirstName} {after.LastName}".Trim());
        Assert.Equal("Kept", after.Notes);
        Assert.Equal(policy == "Update" ? "Table 9" : null, after.TableName);
    }

    [Fact]
    public async Task Rows_repeating_a_phone_or_email_within_the_file_are_rejected_with_the_earlier_row()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var csv = "Name,Phone\nA,020 7946 0018\nB,+44 20 7946 0018\n";

        var review = await client.GetPageAsync(await UploadAsync(client, e, "g.csv", Encoding.UTF8.GetBytes(csv)));

        var problem = review.QuerySelector("[data-testid=problems] tbody tr")!.Children.Select(c => c.TextContent).ToList();
        Assert.Equal(["3", "Phone", "Same phone number as row 2."], problem);
    }

    [Fact]
    public async Task A_file_without_a_name_column_cannot_be_imported()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var reviewUrl = await UploadAsync(client, e, "g.csv", Encoding.UTF8.GetBytes("Email,Phone\na@example.com,\n"));

        var review = await client.GetPageAsync(reviewUrl);
        var posted = await client.PostFormAsync(reviewUrl, ("map", "Email"), ("map", "Phone"), ("duplicates", "Skip"));

        Assert.Equal("Choose which column holds the guests' names (Full name or First name).", review.QuerySelector("[data-testid=import-error]")!.TextContent);
        Assert.Contains("Choose which column holds the guests", await posted.Content.ReadAsStringAsync());
        Assert.Empty(await app.GuestsAsync(e.Id));
    }

    // The cases name their files; the bytes are made when a case runs. As theory data, the 50 MB file was
    // serialised at test discovery and passed between processes, which took minutes and gigabytes.
    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "big.csv", "The file is 50.0 MB; the limit is 10 MB." },
        { "many.csv", "The file has more than 20,000 guests." },
        { "guests.xlsx", "This is an Excel or other zipped file, not CSV." },
        { "photo.csv", "This doesn't look like a text file." },
        { "empty.csv", "Choose a CSV or JSON file to import." },
        { "header.csv", "The file has column names but no guests under them." },
        { "bad.json", "The JSON can't be read" },
    };

    private static byte[] HostileFile(string fileName) => fileName switch
    {
        "big.csv" => Encoding.UTF8.GetBytes("Name,Email\n" + new string('x', 50 * 1024 * 1024)),
        "many.csv" => Encoding.UTF8.GetBytes("Name,Email\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"G{i},g{i}@example.com\n"))),
        "guests.xlsx" => [.. "PK\u0003\u0004"u8, .. new byte[100]],
        "photo.csv" => [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x00, 0xFF, 0x10, 0x00, 0x00, 0x20],
        "empty.csv" => [],
        "header.csv" => Encoding.UTF8.GetBytes("Name,Email\n"),
        "bad.json" => Encoding.UTF8.GetBytes("[{\"name\": \"Ada\""),
        _ => throw new ArgumentOutOfRangeException(nameof(fileName)),
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Files_that_cannot_be_imported_get_a_clear_message_and_store_nothing(string fileName, string message)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostFileAsync($"/events/{e.Id}/guests/import", fileName, HostileFile(fileName));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(message, await ErrorOf(response));
        Assert.Equal(0, await app.QueryAsync(db => db.GuestImports.CountAsync(i => i.EventId == e.Id)));
    }

    [Fact]
    public async Task Formulas_and_markup_in_cells_are_stored_as_text_and_exported_neutralised()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var csv = "Name,Email,Notes\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",a@example.com,@SUM(1)\n<img src=x onerror=alert(1)>,b@example.com,\n'=1+1 Quoted,c@example.com,\n";

        await ImportAsync(client, await UploadAsync(client, e, "g.csv", Encoding.UTF8.GetBytes(csv)));
        var guests = await app.GuestsAsync(e.Id);
        var page = await client.GetAsync($"/events/{e.Id}/guests");
        var export = Encoding.UTF8.GetString((await (await client.GetAsync($"/events/{e.Id}/guests/export")).Content.ReadAsByteArrayAsync())[3..]);

        Assert.Equal(["<img src=x", "=1+1", "=HYPERLINK(\"http://x\",\"y\")"], guests.Select(g => g.FirstName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("<img src=x", await page.Content.ReadAsStringAsync());
        var cells = CsvRecords.Read(export).Skip(1).SelectMany(r => r).ToList();
        Assert.Contains("'=HYPERLINK(\"http://x\",\"y\")", cells);
        Assert.Contains("'@SUM(1)", cells);
        Assert.DoesNotContain(cells, c => c.StartsWith('=') || c.StartsWith('@'));
    }

    [Fact]
    public async Task When_the_import_fails_midway_nothing_is_imported()
    {
        var (_, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddGuestAsync(e.Id, "Already", g => g.Email = "taken@example.com");
        var import = new GuestImport { Id = Guid.NewGuid(), EventId = e.Id, FileName = "g.csv", Content = [1], CreatedAt = DateTime.UtcNow };
        await app.QueryAsync(async db => { db.GuestImports.Add(import); return await db.SaveChangesAsync(); });
        // A plan made before someone else added "taken@example.com": its third guest now breaks the unique index,
        // after the household and two guests have been written by COPY.
        var plan = new Web.Pages.Events.Manage.Guests.Import.ImportPlan();
        var household = new Household { Id = Guid.NewGuid(), EventId = e.Id, Name = "New family", CreatedAt = DateTime.UtcNow };
        plan.NewHouseholds.Add(household);
        foreach (var email in new[] { "one@example.com", "two@example.com", "taken@example.com" })
            plan.New.Add(new Guest { Id = Guid.NewGuid(), EventId = e.Id, FirstName = email, Email = email, HouseholdId = household.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });

        var failure = await Record.ExceptionAsync(() => app.QueryAsync(db => Web.Pages.Events.Manage.Guests.Import.ImportWriter.CommitAsync(db, import, plan, null, DateTime.UtcNow)));

        Assert.IsType<Npgsql.PostgresException>(failure);
        Assert.Equal(["Already"], (await app.GuestsAsync(e.Id)).Select(g => g.FirstName));
        Assert.Equal(0, await app.QueryAsync(db => db.Households.CountAsync(h => h.EventId == e.Id)));
        Assert.Null(await app.QueryAsync(db => db.GuestImports.Where(i => i.Id == import.Id).Select(i => i.CompletedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_guest_added_after_the_preview_is_skipped_rather_than_duplicated()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var reviewUrl = await UploadAsync(client, e, "g.csv", Encoding.UTF8.GetBytes("Name,Email\nFirst,first@example.com\nThird,third@example.com\n"));
        Assert.Equal("2", Count(await client.GetPageAsync(reviewUrl), "new"));
        await app.AddGuestAsync(e.Id, "Sneaky", g => g.Email = "third@example.com");

        var summary = await ImportAsync(client, reviewUrl);

        Assert.Equal(("1", "1"), (Count(summary, "added"), Count(summary, "skipped")));
        Assert.Equal(["First", "Sneaky"], (await app.GuestsAsync(e.Id)).Select(g => g.FirstName));
    }

    [Fact]
    public async Task Importing_twice_from_the_same_upload_adds_the_guests_once()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var reviewUrl = await UploadAsync(client, e, "g.csv", Encoding.UTF8.GetBytes("Name,Email\nAda,ada@example.com\n"));

        await Task.WhenAll(
            client.PostFormAsync(reviewUrl, ("map", "FullName"), ("map", "Email")),
            client.PostFormAsync(reviewUrl, ("map", "FullName"), ("map", "Email")));

        Assert.Single(await app.GuestsAsync(e.Id));
    }

    [Fact]
    public async Task An_upload_of_another_event_is_not_found()
    {
        var (client, admin) = await app.LoggedInAsync();
        var mine = await app.CreateEventAsync(admin);
        var (otherClient, other) = await app.LoggedInAsync();
        var theirs = await app.CreateEventAsync(other, "Theirs");
        var theirReview = await UploadAsync(otherClient, theirs, "g.csv", Encoding.UTF8.GetBytes("Name,Email\nSecret Person,s@example.com\n"));
        var importId = theirReview.Split('/')[^1];

        foreach (var url in new[] { $"/events/{mine.Id}/guests/import/review/{importId}", $"/events/{mine.Id}/guests/import/review/{importId}?handler=rejected" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Secret", await response.Content.ReadAsStringAsync());
        }
        var post = await client.PostFormAsync($"/events/{mine.Id}/guests/import/review/{importId}", ("map", "FullName"), ("map", "Email"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Empty(await app.GuestsAsync(theirs.Id));
    }
}
