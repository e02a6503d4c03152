using System.Net;
using System.Text;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import.ImportTestKit;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import;

/// <summary>The encoding of an upload is decided on the whole file, and a file that can't be read cleanly is refused, never garbled.</summary>
public class FileEncodingTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>A UTF-8 guest list of 80 Latin-script guests (about 5 KB) before the ones in other scripts.</summary>
    private static string GuestList(string tail)
    {
        var csv = new StringBuilder("First name,Last name,Email,Notes\r\n");
        for (var i = 0; i < 80; i++) csv.Append($"Guest{i:00},Lastname{i:00},guest{i:00}@example.com,Table near the window\r\n");
        return csv.Append(tail).ToString();
    }

    private const string OtherScripts = "فاطمة,الزهراء,fatima@example.com,\r\nנועה,כהן,noa@example.com,\r\n明,王,ming@example.com,\r\n";

    [Fact]
    public async Task A_nul_byte_deep_in_a_UTF8_file_does_not_turn_the_rest_into_mojibake()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var bytes = Encoding.UTF8.GetBytes(GuestList("Padded,Row,padded@example.com,Note\0with a NUL\r\n" + OtherScripts));
        Assert.True(Array.IndexOf(bytes, (byte)0) > 4096, "the NUL comes after the first 4 KB");

        var summary = await ImportAsync(client, await UploadAsync(client, e, "guests.csv", bytes));

        Assert.Equal(("84", "0"), (Count(summary, "added"), Count(summary, "rejected")));
        var names = await app.QueryAsync(db => db.Guests.Where(g => g.EventId == e.Id && g.Email!.EndsWith("@example.com") && !g.FirstName.StartsWith("Guest"))
            .Select(g => g.FirstName + " " + g.LastName).ToListAsync());
        Assert.Equal(new[] { "Padded Row", "فاطمة الزهراء", "נועה כהן", "明 王" }.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal("Notewith a NUL", await app.QueryAsync(db => db.Guests.Where(g => g.Email == "padded@example.com").Select(g => g.Notes).SingleAsync()));
    }

    public static TheoryData<string, byte[], string> Undecodable()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var damaged = Encoding.UTF8.GetBytes(GuestList(OtherScripts)).ToList();
        damaged.InsertRange(damaged.Count - 10, new byte[] { 0xE9, 0x20 }); // a Latin-1 "é" pasted into UTF-8, on the last line
        var notWindows = Encoding.GetEncoding(1252).GetBytes("Name,Email\r\nRenée,renee@example.fr\r\n").Concat(new byte[] { 0x81, 0x8D }).Concat("x,x@example.com\r\n"u8.ToArray()).ToArray();
        return new()
        {
            { "UTF-8 with a stray Latin-1 byte", [.. damaged], "Most of the file is UTF-8, but line 84 has bytes that are not" },
            { "neither UTF-8 nor Windows-1252", notWindows, "The file is not UTF-8, and line 3 is not Windows-1252 either" },
            { "UTF-8 with a byte order mark and a broken sequence", [0xEF, 0xBB, 0xBF, .. "Name,Email\r\nZo"u8, 0xC3, 0x28, .. ",z@example.com\r\n"u8], "The file starts as UTF-8 but has bytes that are not UTF-8 (line 2)" },
        };
    }

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task A_file_that_cannot_be_decoded_cleanly_is_refused_with_the_line_and_what_to_do(string description, byte[] content, string message)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var response = await client.PostFileAsync($"/events/{e.Id}/guests/import", "guests.csv", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.True(error.StartsWith(message), $"{description}: {error}");
        Assert.EndsWith("In Excel choose File › Save As › CSV UTF-8, then upload that file.", error);
        Assert.Equal(0, await app.QueryAsync(db => db.GuestImports.CountAsync(i => i.EventId == e.Id)));
    }
}
