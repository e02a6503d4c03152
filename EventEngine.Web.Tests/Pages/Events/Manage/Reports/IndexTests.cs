using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;

using EventEngine.Web.Tests.Pdf;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Reports;

/// <summary>
/// The four PDFs read back with pdftotext, against a hand-worked event: eight guests in two households, Hebrew, Arabic
/// and Chinese names, a 100-letter name (the longest allowed) with no space to break at, plus-ones named and unnamed, tables 2, 9 and 10, and
/// a guest of another event who must never appear. Every number below was counted by hand from <see cref="SeedAsync"/>.
/// </summary>
[StartsFirst]
public class IndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string LongLastName = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeun";

    [Fact]
    public async Task The_guest_list_groups_by_household_with_totals_answers_and_plus_ones()
    {
        var (client, admin, e) = await SeedAsync();

        var pdf = await GetPdfAsync(client, $"/events/{e.Id}/reports/guest-list", "Test-Wedding-guest-list.pdf");
        var text = await PdfTools.TextAsync(pdf);
        var layout = await PdfTools.LayoutTextAsync(pdf);
        var info = await PdfTools.InfoAsync(pdf);

        Assert.Equal(("Guest list by household: Test Wedding", admin.DisplayName, "1"), (info["Title"], info["Author"], info["Pages"]));
        Assert.Contains("Sat 12 Jun 2027, 15:00 BST · The Orangery, Kew", text);
        Assert.Contains("All guests", text);
        Assert.Contains("8 guests · 6 confirmed · 1 declined · 1 waiting · 8 people coming", text);
        Assert.Contains("Amir family · 2 guests · 1 confirmed · 1 declined · 2 people coming", text);
        Assert.Contains("Cohen family · 2 guests · 1 confirmed · 1 waiting · 1 person coming", text);
        Assert.Contains("No household · 4 guests · 4 confirmed · 5 people coming", text);
        Assert.Matches(@"Ana Amir\s+Bride\s+Confirmed\s+1 of 1\s+Table 2", layout);
        Assert.Contains("With Tom Lee", text);
        Assert.Matches(@"David Cohen\s+Groom\s+Waiting\s+up to 2\s+Table 10", layout);
        Assert.Matches(@"Ben Amir\s+Bride\s+Declined\s+—\s+Table 2", layout);
        AssertNamesInAnyScript(text);
        Assert.DoesNotContain("Intruder", text);
        // Households in name order, then the guests without one.
        Assert.True(text.IndexOf("Amir family", StringComparison.Ordinal) < text.IndexOf("Cohen family", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Cohen family", StringComparison.Ordinal) < text.IndexOf("No household", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_guest_list_can_group_by_side()
    {
        var (client, _, e) = await SeedAsync();

        var pdf = await GetPdfAsync(client, $"/events/{e.Id}/reports/guest-list?group=side", "Test-Wedding-guest-list.pdf");
        var text = await PdfTools.TextAsync(pdf);

        Assert.Equal("Guest list by side: Test Wedding", (await PdfTools.InfoAsync(pdf))["Title"]);
        Assert.Contains("Bride · 3 guests · 2 confirmed · 1 declined · 3 people coming", text);
        Assert.Contains("Groom · 4 guests · 3 confirmed · 1 waiting · 4 people coming", text);
        Assert.Contains("No side · 1 guest · 1 confirmed · 1 person coming", text);
        Assert.True(text.IndexOf("Bride ·", StringComparison.Ordinal) < text.IndexOf("Groom ·", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Groom ·", StringComparison.Ordinal) < text.IndexOf("No side ·", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_caterer_sheet_counts_meals_and_needs_overall_and_per_table_with_names()
    {
        var (client, _, e) = await SeedAsync();

        var pdf = await GetPdfAsync(client, $"/events/{e.Id}/reports/caterer-sheet", "Test-Wedding-caterer-sheet.pdf");
        var text = Normalise(await PdfTools.TextAsync(pdf));
        var layout = Normalise(await PdfTools.LayoutTextAsync(pdf));

        Assert.Contains("Meals: 8", text);
        Assert.Contains("6 guests and 2 plus-ones who confirmed.", text);
        Assert.Contains("Not counted yet: 1 guest still to answer (up to 3 people).", text);
        var overall = layout[layout.IndexOf("Dietary needs", StringComparison.Ordinal)..layout.IndexOf("By table", StringComparison.Ordinal)];
        Assert.Equal(
            ["Halal 1 ليلى حداد", "Kosher 1 שרה כהן", "No nuts 1 Ana Amir", "Vegan 1 Tom Lee (with Ana Amir)", "Vegetarian 1 Ana Amir", "No special needs 4"],
            Rows(overall));
        // Ben (declined) is vegetarian and halal too, and counts nowhere.
        Assert.DoesNotContain("Ben Amir", text);
        var byTable = layout[layout.IndexOf("By table", StringComparison.Ordinal)..];
        Assert.Equal(
            ["Table 2 · 3 meals", "Halal 1 ليلى حداد", "No nuts 1 Ana Amir", "Vegan 1 Tom Lee (with Ana Amir)", "Vegetarian 1 Ana Amir",
             "Table 9 · 1 meal", "No special needs 1",
             "Table 10 · 3 meals", "Kosher 1 שרה כהן", "No special needs 2",
             "No table yet · 1 meal", "No special needs 1"],
            Rows(byTable));
    }

    [Fact]
    public async Task The_door_list_has_confirmed_guests_by_last_name_with_household_table_and_headcount()
    {
        var (client, _, e) = await SeedAsync();

        var pdf = await GetPdfAsync(client, $"/events/{e.Id}/reports/door-list", "Test-Wedding-door-list.pdf");
        var text = await PdfTools.TextAsync(pdf);
        var layout = await PdfTools.LayoutTextAsync(pdf);

        Assert.Contains("6 guests confirmed, 8 people expected.", text);
        Assert.Contains("Not listed: 2 guests not confirmed (declined or still to answer).", text);
        Assert.Matches(@"Amir, Ana\s+Amir family\s+Table 2\s+2", layout);
        Assert.Matches(@"Baker, Carl\s+Table 9\s+1", layout);
        Assert.Contains("With Tom Lee", text);
        Assert.Contains("With 1 more", text);
        AssertInOrder(text, "Amir, Ana", "Baker, Carl", "Wolfeschlegel");
        Assert.DoesNotContain("David", text);
        Assert.DoesNotContain("Ben", text);
        Assert.DoesNotContain("Intruder", text);
        AssertNamesInAnyScript(text, lastNameFirst: true);
    }

    [Fact]
    public async Task The_seating_plan_has_one_block_per_table_in_number_order()
    {
        var (client, _, e) = await SeedAsync();

        var pdf = await GetPdfAsync(client, $"/events/{e.Id}/reports/seating-plan", "Test-Wedding-seating-plan.pdf");
        var text = await PdfTools.TextAsync(pdf);
        var layout = await PdfTools.LayoutTextAsync(pdf);

        Assert.Contains("3 tables, 6 guests seated, 1 guest without a table.", text);
        AssertInOrder(text, "Table 2 · 2 guests, 3 people", "Table 9 · 1 guest, 1 person", "Table 10 · 3 guests, 4 people (1 not answered)",
            "No table yet · 1 guest, 1 person");
        Assert.Matches(@"David Cohen\s+Cohen family\s+1\s+Waiting", layout);
        Assert.Matches(@"Ana Amir\s+Amir family\s+2\s+Confirmed", layout);
        Assert.DoesNotContain("Ben Amir", text);
        AssertNamesInAnyScript(text);
    }

    [Fact]
    public async Task Reports_follow_the_guest_table_filter_and_say_so()
    {
        var (client, _, e) = await SeedAsync();

        var pdf = await GetPdfAsync(client, $"/events/{e.Id}/reports/door-list?side=Groom&q=ba", "Test-Wedding-door-list.pdf");
        var text = await PdfTools.TextAsync(pdf);

        Assert.Contains("Guests matching “ba”, side: Groom", text, StringComparison.Ordinal);
        Assert.Contains("1 guest confirmed, 1 person expected.", text);
        Assert.Contains("Baker, Carl", text);
        Assert.DoesNotContain("Maximiliana", text);
        Assert.DoesNotContain("Amir", text);
        Assert.DoesNotContain("שרה", text);
    }

    [Fact]
    public async Task A_long_list_numbers_its_pages_and_repeats_the_column_headings_and_group_on_each()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var household = new Household { Id = Guid.NewGuid(), EventId = e.Id, Name = "Big family", CreatedAt = DateTime.UtcNow };
        await app.QueryAsync(db =>
        {
            db.Households.Add(household);
            db.Guests.AddRange(Enumerable.Range(1, 90).Select(i => new Guest
            {
                Id = Guid.NewGuid(),
                EventId = e.Id,
                HouseholdId = household.Id,
                FirstName = $"Guest{i:000}",
                LastName = "Long",
                Email = $"guest{i}@example.com",
                Status = GuestStatus.Confirmed,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            }));
            return db.SaveChangesAsync();
        });

        var pdf = await GetPdfAsync(client, $"/events/{e.Id}/reports/guest-list", "Test-Wedding-guest-list.pdf");
        var pages = await PdfTools.PagesAsync(pdf);

        Assert.Equal(pages.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), (await PdfTools.InfoAsync(pdf))["Pages"]);
        Assert.InRange(pages.Length, 3, 6);
        for (var i = 0; i < pages.Length; i++)
        {
            Assert.Contains($"Page {i + 1} of {pages.Length}", pages[i]);
            Assert.Contains("GUEST", pages[i]);
            Assert.Contains("ANSWER", pages[i]);
            if (i > 0) Assert.Contains("Big family · 90 guests · 90 confirmed · 90 people coming (continued)", pages[i]);
        }
        var listed = Regex.Matches(string.Join("\n", pages), @"Guest(\d{3}) Long").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, 90), listed);
    }

    [Theory]
    [InlineData("guest-list", "There are no guests to list yet.")]
    [InlineData("caterer-sheet", "No guests have confirmed yet.")]
    [InlineData("door-list", "No guests have confirmed yet, so there is no one to list.")]
    [InlineData("seating-plan", "There are no guests to seat yet.")]
    public async Task An_empty_event_gets_a_one_page_report_that_says_so(string report, string message)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var pdf = await GetPdfAsync(client, $"/events/{e.Id}/reports/{report}", $"Test-Wedding-{report}.pdf");

        Assert.Equal("1", (await PdfTools.InfoAsync(pdf))["Pages"]);
        Assert.Contains(message, Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " "));
    }

    [Theory]
    [InlineData("guest-list")]
    [InlineData("caterer-sheet")]
    [InlineData("door-list")]
    [InlineData("seating-plan")]
    public async Task Viewers_get_403_editors_get_the_pdf_and_other_events_get_404(string report)
    {
        var (_, admin) = await app.LoggedInAsync();
        var (viewer, viewerUser) = await app.LoggedInAsync();
        var (editor, editorUser) = await app.LoggedInAsync();
        var (stranger, _) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddMemberAsync(e.Id, viewerUser, EventRole.Viewer);
        await app.AddMemberAsync(e.Id, editorUser, EventRole.Editor);
        await app.AddGuestAsync(e.Id, "Private", g => { g.Status = GuestStatus.Confirmed; g.DietaryNeeds = "vegan"; });

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/events/{e.Id}/reports/{report}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/events/{e.Id}/reports/{report}")).StatusCode);
        Assert.Contains("Private", await PdfTools.TextAsync(await GetPdfAsync(editor, $"/events/{e.Id}/reports/{report}", $"Test-Wedding-{report}.pdf")));
    }

    [Fact]
    public async Task An_unknown_report_is_not_found()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{e.Id}/reports/invoice")).StatusCode);
    }

    /// <summary>Hebrew and Chinese read back as typed; Arabic reads back once its joined letter forms are folded (NFKC).</summary>
    private static void AssertNamesInAnyScript(string text, bool lastNameFirst = false)
    {
        var normalised = Normalise(text);
        // pdftotext puts right-to-left words back in order, but not always the comma between them; the pictures were checked by eye.
        Assert.Contains(lastNameFirst ? "כהן" : "שרה כהן", normalised);
        Assert.Contains(lastNameFirst ? "حداد" : "ليلى حداد", normalised);
        Assert.Contains(lastNameFirst ? "王, 小明" : "小明 王", normalised);
        // The 100-letter name breaks between letters to fit its column; all of it is there.
        Assert.Contains(lastNameFirst ? LongLastName + ",Maximiliana" : "Maximiliana" + LongLastName, Regex.Replace(normalised, @"\s+", ""));
    }

    /// <summary>Folds Arabic presentation forms (NFKC) and drops the direction marks pdftotext wraps right-to-left runs in.</summary>
    private static string Normalise(string text) => Regex.Replace(text.Normalize(NormalizationForm.FormKC), "[\u200E\u200F\u202A-\u202E\u2066-\u2069]", "");

    /// <summary>The layout text's non-empty lines within a section, with runs of spaces made one.</summary>
    private static List<string> Rows(string section) =>
        [.. section.Split('\n').Skip(2).Select(l => Regex.Replace(l.Trim(), @"\s{2,}", " ")).Where(l => l.Length > 0 && !Regex.IsMatch(l, @"Page \d+ of \d+"))];

    private static void AssertInOrder(string text, params string[] parts)
    {
        var positions = parts.Select(p => text.IndexOf(p, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    private static async Task<byte[]> GetPdfAsync(AppClient client, string path, string fileName)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition!.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (Environment.GetEnvironmentVariable("EE_KEEP_PDFS") is { } keep) await File.WriteAllBytesAsync(Path.Combine(keep, fileName), bytes);
        return bytes;
    }

    private async Task<(AppClient Client, AppUser Admin, Event Event)> SeedAsync()
    {
        var (client, admin) = await app.LoggedInAsync("Dana Host");
        var e = await app.CreateEventAsync(admin);
        await app.QueryAsync(db =>
        {
            var ev = db.Events.Single(x => x.Id == e.Id);
            ev.StartsAt = new DateTime(2027, 6, 12, 14, 0, 0, DateTimeKind.Utc);
            ev.Venue = "The Orangery, Kew";
            return db.SaveChangesAsync();
        });
        var amir = new Household { Id = Guid.NewGuid(), EventId = e.Id, Name = "Amir family", CreatedAt = DateTime.UtcNow };
        var cohen = new Household { Id = Guid.NewGuid(), EventId = e.Id, Name = "Cohen family", CreatedAt = DateTime.UtcNow };
        await app.QueryAsync(db => { db.Households.AddRange(amir, cohen); return db.SaveChangesAsync(); });
        await app.AddGuestAsync(e.Id, "Ana", g =>
        {
            g.LastName = "Amir"; g.HouseholdId = amir.Id; g.Side = "Bride"; g.Status = GuestStatus.Confirmed; g.TableName = "Table 2";
            g.PlusOnesAllowed = 1; g.PlusOnesComing = 1; g.PlusOneNames = ["Tom Lee"]; g.PlusOneDietaryNeeds = ["vegan"]; g.DietaryNeeds = "vegetarian, no nuts";
        });
        await app.AddGuestAsync(e.Id, "Ben", g =>
        {
            g.LastName = "Amir"; g.HouseholdId = amir.Id; g.Side = "Bride"; g.Status = GuestStatus.Declined; g.TableName = "Table 2"; g.DietaryNeeds = "Vegetarian; halal";
        });
        await app.AddGuestAsync(e.Id, "שרה", g =>
        {
            g.LastName = "כהן"; g.HouseholdId = cohen.Id; g.Side = "Groom"; g.Status = GuestStatus.Confirmed; g.TableName = "Table 10"; g.DietaryNeeds = "kosher";
        });
        await app.AddGuestAsync(e.Id, "David", g =>
        {
            g.LastName = "Cohen"; g.HouseholdId = cohen.Id; g.Side = "Groom"; g.Status = GuestStatus.Invited; g.TableName = "Table 10"; g.PlusOnesAllowed = 2;
        });
        await app.AddGuestAsync(e.Id, "ليلى", g => { g.LastName = "حداد"; g.Side = "Bride"; g.Status = GuestStatus.Confirmed; g.TableName = "Table 2"; g.DietaryNeeds = "Halal."; });
        await app.AddGuestAsync(e.Id, "小明", g => { g.LastName = "王"; g.Status = GuestStatus.Confirmed; });
        await app.AddGuestAsync(e.Id, "Maximiliana", g =>
        {
            g.LastName = LongLastName; g.Side = "Groom"; g.Status = GuestStatus.Confirmed; g.TableName = "Table 10"; g.PlusOnesAllowed = 1; g.PlusOnesComing = 1;
        });
        await app.AddGuestAsync(e.Id, "Carl", g => { g.LastName = "Baker"; g.Side = "Groom"; g.Status = GuestStatus.Confirmed; g.TableName = "Table 9"; });

        var other = await app.CreateEventAsync(admin, "Other Party");
        await app.AddGuestAsync(other.Id, "Ivan", g => { g.LastName = "Intruder"; g.Status = GuestStatus.Confirmed; g.TableName = "Table 2"; g.DietaryNeeds = "vegan"; });
        return (client, admin, e);
    }
}
