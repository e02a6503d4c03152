using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import;

/// <summary>Uploading a file, reading the review page and importing, as a browser does.</summary>
public static class ImportTestKit
{
    public static byte[] FileBytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Pages/Events/Manage/Guests/Import/Files", name));

    public static Task<List<Guest>> GuestsAsync(this AppFactory app, Guid eventId) =>
        app.QueryAsync(db => db.Guests.AsNoTracking().Include(g => g.Household).Where(g => g.EventId == eventId).OrderBy(g => g.FirstName).ToListAsync());

    /// <summary>Uploads a file and returns the review page's address.</summary>
    public static async Task<string> UploadAsync(AppClient client, Event e, string fileName, byte[] content)
    {
        var response = await client.PostFileAsync($"/events/{e.Id}/guests/import", fileName, content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await ErrorOf(response));
        return response.Headers.Location!.ToString();
    }

    public static async Task<string> ErrorOf(HttpResponseMessage response) =>
        (await AppClient.ParseAsync(response)).QuerySelector("[data-valmsg-for=Upload], [data-testid=import-error]")?.TextContent.Trim() ?? $"status {response.StatusCode}";

    public static async Task<IDocument> ImportAsync(AppClient client, string reviewUrl, string duplicates = "Skip", string? map = null)
    {
        var review = await client.GetPageAsync(reviewUrl + (map is null ? "" : "?" + map));
        var fields = review.QuerySelectorAll("form[method=post] input[type=hidden]")
            .Select(i => (i.GetAttribute("name")!, i.GetAttribute("name") == "duplicates" ? duplicates : i.GetAttribute("value")!))
            .Where(f => f.Item1 != "__RequestVerificationToken").ToArray();
        var response = await client.PostFormAsync(reviewUrl, fields);
        if (response.StatusCode != HttpStatusCode.Redirect) return await AppClient.ParseAsync(response);
        return await client.GetPageAsync(response.Headers.Location!.ToString());
    }

    public static string Count(IDocument page, string name) => page.QuerySelector($"[data-count={name}]")!.TextContent.Trim();

    /// <summary>The rows of a problems table as (row, column, problem).</summary>
    public static List<(string Row, string Column, string Problem)> Problems(IDocument page, string table) =>
        [.. page.QuerySelectorAll($"[data-testid={table}] tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).Select(c => (c[0], c[^2], c[^1]))];

    /// <summary>The guests named in the table of rows added with something left out, in its order.</summary>
    public static List<string> FlaggedGuests(IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=flags] tbody tr").Select(r => r.Children[1].TextContent.Trim())];
}
