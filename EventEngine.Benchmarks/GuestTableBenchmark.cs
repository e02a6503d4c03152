using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Benchmarks;

/// <summary>
/// Measures the guest table at 10,000 guests through the app's real pipeline (in-process, so the times are the
/// server's own, without a network): the import path and the guest page. Prints figures; asserts nothing.
/// </summary>
public static partial class GuestTableBenchmark
{
    private const int Guests = 10_000;
    private const int Requests = 200;
    private const string Password = "benchmark password";

    public static async Task<int> RunAsync()
    {
        await using var host = BenchmarkHost.Start();
        var client = CreateClient(host);
        var (warmUpEventId, eventId) = await SetUpAsync(host, client);
        Console.WriteLine($"EventEngine guest table benchmark: {Guests:N0} guests, {Requests} requests per page scenario, in-process server times.");
        Console.WriteLine();
        // A running server has compiled its code paths already; a first import into another event does that here.
        await ImportAsync(client, warmUpEventId, 1_000, print: false);
        await ImportAsync(client, eventId, Guests, print: true);
        await GuestPageAsync(client, eventId);
        return 0;
    }

    public static HttpClient CreateClient(BenchmarkHost host) =>
        host.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    /// <summary>A user logged in on the client, with two events: one to warm up on, one to measure.</summary>
    public static async Task<(Guid WarmUp, Guid Measured)> SetUpAsync(BenchmarkHost host, HttpClient client)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "bench@example.test", Email = "bench@example.test", DisplayName = "Bench", CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = new[] { "Warm-up party", "Benchmark gala" }.Select(name =>
        {
            var e = new Event
            {
                Name = name,
                TimeZoneId = "Europe/London",
                StartsAt = DateTime.UtcNow.AddMonths(6),
                DefaultCountry = "GB",
                CreatedById = user.Id,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            e.Members.Add(new EventMember { UserId = user.Id, Role = EventRole.Admin, JoinedAt = DateTime.UtcNow });
            return e;
        }).ToList();
        db.Events.AddRange(events);
        await db.SaveChangesAsync();

        var login = await PostFormAsync(client, "/account/login", "/account/login", [new("Input.Email", user.Email), new("Input.Password", Password)]);
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Login failed: {login.StatusCode}");
        return (events[0].Id, events[1].Id);
    }

    public static async Task ImportAsync(HttpClient client, Guid eventId, int rows, bool print)
    {
        var csv = GuestCsv(rows);
        var token = await TokenAsync(client, $"/events/{eventId}/guests/import");
        var clock = Stopwatch.StartNew();
        var upload = await client.PostAsync($"/events/{eventId}/guests/import", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(csv), "Upload", "guests.csv" },
        });
        var uploadTime = clock.Elapsed;
        var review = upload.Headers.Location?.ToString() ?? throw new InvalidOperationException($"Upload failed: {upload.StatusCode}");

        clock.Restart();
        var preview = await client.GetStringAsync(review);
        var previewTime = clock.Elapsed;
        var fields = MapInput().Matches(preview).Select(m => new KeyValuePair<string, string>("map", m.Groups[1].Value)).ToList();
        fields.Add(new("duplicates", "Skip"));

        clock.Restart();
        var commit = await PostFormAsync(client, review, review, fields);
        var commitTime = clock.Elapsed;
        if (commit.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Import failed: {commit.StatusCode}");
        var summary = await client.GetStringAsync(review);
        var added = AddedCount().Match(summary).Groups[1].Value;
        if (!print) return;

        Console.WriteLine($"Import of a {rows:N0}-row CSV ({csv.Length / 1024} KB), {added} guests added:");
        Console.WriteLine($"  upload and check      {Ms(uploadTime),8}");
        Console.WriteLine($"  preview (plan)        {Ms(previewTime),8}");
        Console.WriteLine($"  import (plan + COPY)  {Ms(commitTime),8}   goal <= 1000 ms");
        Console.WriteLine($"  all three steps       {Ms(uploadTime + previewTime + commitTime),8}");
        Console.WriteLine();
    }

    private static async Task GuestPageAsync(HttpClient client, Guid eventId)
    {
        var scenarios = new (string Name, string Query)[]
        {
            ("first page, default sort", ""),
            ("filtered: confirmed, side Bride", "?status=Confirmed&side=Bride"),
            ("searched: \"smi\"", "?q=smi"),
            ("searched: phone \"07400 1002\"", "?q=07400%201002"),
            ("sorted: table descending, page 40", "?sort=table&desc=true&page=40"),
            ("all at once", "?q=ann&status=Invited&sort=side&page=2"),
        };
        Console.WriteLine($"Guest page, HTMX results request (what a filter, search, sort or page change fetches): {Requests} requests each");
        Console.WriteLine($"  {"scenario",-36} {"p50",8} {"p95",8}   goal p95 <= 25 ms");
        foreach (var (name, query) in scenarios)
        {
            var url = $"/events/{eventId}/guests{query}";
            for (var i = 0; i < 20; i++) await GetHtmxAsync(client, url);
            var times = new List<double>();
            for (var i = 0; i < Requests; i++)
            {
                var clock = Stopwatch.StartNew();
                await GetHtmxAsync(client, url);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  {name,-36} {times[times.Count / 2],6:0.0} ms {times[(int)(times.Count * 0.95)],5:0.0} ms");
        }
        var pages = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var clock = Stopwatch.StartNew();
            await client.GetStringAsync($"/events/{eventId}/guests");
            pages.Add(clock.Elapsed.TotalMilliseconds);
        }
        pages.Sort();
        Console.WriteLine($"  {"whole page (counts, filters, table)",-36} {pages[12],6:0.0} ms {pages[23],5:0.0} ms   (25 requests)");
        Console.WriteLine();
    }

    private static async Task GetHtmxAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Target", "guest-results");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string tokenFrom, List<KeyValuePair<string, string>> fields)
    {
        fields.Add(new("__RequestVerificationToken", await TokenAsync(client, tokenFrom)));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        CsrfMeta().Match(await client.GetStringAsync(url)).Groups[1].Value;

    /// <summary>Realistic rows: names with accents, valid UK mobiles, emails, sides, statuses, households, tables and tags.</summary>
    private static byte[] GuestCsv(int rows)
    {
        string[] first = ["Ann", "Zoë", "José", "Mei", "Ngozi", "Oliver", "Fatima", "Björn", "Priya", "Tom", "Chloé", "Yusuf"];
        string[] last = ["Smith", "Ångström", "Muñoz", "Chen", "Okafor", "Brown", "Haddad", "Jensen", "Patel", "O'Brien", "Martin", "Demir"];
        string[] sides = ["Bride", "Groom", "Both"];
        string[] statuses = ["Invited", "Confirmed", "Declined"];
        var csv = new StringBuilder("First name,Last name,Phone,Email,Household,Side,Status,Table,Tags\r\n");
        for (var i = 0; i < rows; i++)
        {
            var (f, l) = (first[i % first.Length], last[i / first.Length % last.Length]);
            csv.Append($"{f},\"{l}\",07400 1{i:D5},{f.ToLowerInvariant()}.{i}@example.com,The {l} family {i / 4},{sides[i % 3]},{statuses[i * 7 % 3]},Table {i % 60},\"tag{i % 9}, group{i % 4}\"\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0} ms";

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfMeta();

    [GeneratedRegex("<input type=\"hidden\" name=\"map\" value=\"([A-Za-z]+)\">")]
    private static partial Regex MapInput();

    [GeneratedRegex("data-count=\"added\">(\\d+)<")]
    private static partial Regex AddedCount();
}
