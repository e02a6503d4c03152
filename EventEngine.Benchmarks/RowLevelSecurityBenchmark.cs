using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using EventEngine.Web.Data;
using EventEngine.Web.Links;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventEngine.Benchmarks;

/// <summary>
/// What row-level security costs: the guest page (a host, 2,000 guests), a guest's RSVP answer and the catalog page
/// (20,000 public events). Two copies of the app share one database: one connects as the app's role, under the
/// policies; the other as the tables' owner, whom they do not bind (otherwise the same, identity and all). Requests go
/// to each in turn, so the machine's drift falls on both alike. Prints figures; asserts nothing.
/// </summary>
public static partial class RowLevelSecurityBenchmark
{
    private const int Guests = 2_000;
    private const int CatalogEvents = 20_000;
    private const int Requests = 300;

    public static async Task<int> RunAsync()
    {
        await using var host = BenchmarkHost.Start();
        await using var unbound = host.App.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Default", host.ConnectionString));
        var events = await GuestTableBenchmark.CreateUserAndEventsAsync(host, 1);
        await GuestTableBenchmark.RawCopyAsync(host, events[0], Guests);
        await CatalogBenchmark.SeedAsync(host.ConnectionString, CatalogEvents);
        var rsvp = "/rsvp/" + await TokenAsync(host, events[0]);
        var sides = new List<Func<Task>[]>();
        foreach (var app in new[] { host.App, unbound })
        {
            var hostClient = Client(app);
            await GuestTableBenchmark.LogInAsync(hostClient);
            var (guest, visitor) = (Client(app), Client(app));
            var answer = 0;
            sides.Add(
            [
                () => GetAsync(hostClient, $"/events/{events[0]}/guests", htmx: true),
                () => AnswerAsync(guest, rsvp, answer++ % 2 == 0 ? "Yes" : "No"),
                () => GetAsync(visitor, "/discover?city=london", htmx: false),
            ]);
        }
        var roles = new[] { host.App, unbound }.Select(a => new NpgsqlConnectionStringBuilder(a.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).Username).ToArray();
        if (roles[0] == roles[1]) throw new InvalidOperationException($"Both sides connect as {roles[0]}: nothing would be compared.");
        string[] names = ["guest page (htmx results)", "RSVP answer (GET and POST)", "catalog page (London)"];

        var (on, off) = (names.Select(_ => new List<double>()).ToArray(), names.Select(_ => new List<double>()).ToArray());
        for (var i = -20; i < Requests; i++)
            for (var s = 0; s < names.Length; s++)
                foreach (var bound in i % 2 == 0 ? new[] { true, false } : [false, true])
                {
                    var clock = Stopwatch.StartNew();
                    await sides[bound ? 0 : 1][s]();
                    if (i >= 0) (bound ? on : off)[s].Add(clock.Elapsed.TotalMilliseconds);
                }

        Console.WriteLine($"Row-level security on and off: {Guests:N0} guests, {CatalogEvents:N0} public events; p50 of {Requests} in-process requests each, " +
            $"taking turns between the app's role, {roles[0]} (on), and the tables' owner, {roles[1]} (off), on the same database.");
        Console.WriteLine($"  {"",-28} {"on",9} {"off",9} {"on / off",9}   goal < 1.10");
        for (var s = 0; s < names.Length; s++)
            Console.WriteLine($"  {names[s],-28} {Median(on[s]),6:0.00} ms {Median(off[s]),6:0.00} ms {Median(on[s]) / Median(off[s]),8:0.00}×");
        var (workOut, putBack) = await IdentityCostAsync(host, await UserIdAsync(host));
        Console.WriteLine($"  the identity in a connection (both sides): worked out {workOut:0.000} ms (a request's first), put back {putBack:0.000} ms (each further one), p50");
        return 0;
    }

    private static HttpClient Client(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task GetAsync(HttpClient client, string url, bool htmx)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx) { request.Headers.Add("HX-Request", "true"); request.Headers.Add("HX-Target", "guest-results"); }
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<Guid> UserIdAsync(BenchmarkHost host)
    {
        await using var scope = host.App.Services.CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == "bench@example.test").Select(u => u.Id).SingleAsync();
    }

    /// <summary>The household's link of the event's first guest.</summary>
    private static async Task<string> TokenAsync(BenchmarkHost host, Guid eventId)
    {
        await using var scope = host.App.Services.CreateSystemScope();
        var guest = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Guests.Where(g => g.EventId == eventId && g.HouseholdId != null)
            .OrderBy(g => g.Id).Select(g => g.Id).FirstAsync();
        return await scope.ServiceProvider.GetRequiredService<RsvpLinks>().TokenForGuestAsync(eventId, guest);
    }

    /// <summary>Every member of the household answers; the page's own fields (ids, what was shown, the token) go back with it.</summary>
    private static async Task AnswerAsync(HttpClient client, string url, string answer)
    {
        var page = await client.GetStringAsync(url);
        var fields = Hidden().Matches(page).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        fields.Add(new("__RequestVerificationToken", Antiforgery().Match(page).Groups[1].Value));
        fields.AddRange(fields.Where(f => f.Key.EndsWith(".Id", StringComparison.Ordinal)).Select(f => new KeyValuePair<string, string>(f.Key[..^3] + ".Answer", answer)).ToList());
        using var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther))
            throw new InvalidOperationException($"The answer was refused: {response.StatusCode}");
    }

    /// <summary>
    /// The round trip the app adds to each connection it opens for a signed-in person or a link: working the identity
    /// out (a request's first connection, after the pool's reset) and putting it back (each further one).
    /// </summary>
    private static async Task<(double WorkOut, double PutBack)> IdentityCostAsync(BenchmarkHost host, Guid userId)
    {
        var appConnectionString = host.App.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString;
        await using var data = NpgsqlDataSource.Create(appConnectionString);
        var (workOut, putBack) = (new List<double>(), new List<double>());
        var identity = "";
        for (var i = 0; i < 300; i++)
        {
            await using var connection = await data.OpenConnectionAsync();
            var clock = Stopwatch.StartNew();
            await using (var command = new NpgsqlCommand("SELECT ee_identity_for($1, NULL)", connection) { Parameters = { new() { Value = userId } } })
                identity = (string)(await command.ExecuteScalarAsync())!;
            workOut.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await using (var command = new NpgsqlCommand("SELECT set_config('app.identity', $1, false)", connection) { Parameters = { new() { Value = identity } } })
                await command.ExecuteScalarAsync();
            putBack.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (Median(workOut), Median(putBack));
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex Hidden();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)"|content="([^"]+)" name="csrf""")]
    private static partial Regex Antiforgery();
}
