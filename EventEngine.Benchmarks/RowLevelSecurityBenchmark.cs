using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using EventEngine.Web.Data;
using EventEngine.Web.Links;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventEngine.Benchmarks;

/// <summary>
/// What row-level security costs: the guest page (a host, 2,000 guests), a guest's RSVP answer and the catalog page
/// (20,000 public events), with the policies on and off on the same data in one run, in alternating rounds so that
/// the machine's drift falls on both. "Off" disables the policies on every table (as the owner); the app still puts
/// its identity into each connection, whose cost is printed apart. Prints figures; asserts nothing.
/// </summary>
public static partial class RowLevelSecurityBenchmark
{
    private const int Guests = 2_000;
    private const int CatalogEvents = 20_000;
    private const int Requests = 100;
    private const int Rounds = 3;

    public static async Task<int> RunAsync()
    {
        await using var host = BenchmarkHost.Start();
        var hostClient = GuestTableBenchmark.CreateClient(host);
        var events = await GuestTableBenchmark.SetUpAsync(host, hostClient, 1);
        await GuestTableBenchmark.RawCopyAsync(host, events[0], Guests);
        await CatalogBenchmark.SeedAsync(host.ConnectionString, CatalogEvents);
        var guest = host.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var rsvp = "/rsvp/" + await TokenAsync(host, events[0]);
        var visitor = host.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var answer = 0;
        var scenarios = new (string Name, Func<Task> Run)[]
        {
            ("guest page (htmx results)", () => GetAsync(hostClient, $"/events/{events[0]}/guests", htmx: true)),
            ("RSVP answer (POST)", async () => await AnswerAsync(guest, rsvp, answer++ % 2 == 0 ? "Yes" : "No")),
            ("catalog page (London)", () => GetAsync(visitor, "/discover?city=london", htmx: false)),
        };
        var times = scenarios.ToDictionary(s => s.Name, _ => (On: new List<double>(), Off: new List<double>()));
        foreach (var (_, run) in scenarios) for (var i = 0; i < 30; i++) await run();
        for (var round = 0; round < Rounds; round++)
            foreach (var on in new[] { true, false })
            {
                await SwitchAsync(host.ConnectionString, on);
                foreach (var (name, run) in scenarios) (on ? times[name].On : times[name].Off).Add(await P50Async(run));
            }
        await SwitchAsync(host.ConnectionString, true);

        Console.WriteLine($"Row-level security on and off: {Guests:N0} guests, {CatalogEvents:N0} public events; p50 of {Requests} in-process requests, " +
            $"median of {Rounds} alternating rounds each.");
        Console.WriteLine($"  {"",-28} {"on",9} {"off",9} {"on / off",9}   goal < 1.10");
        foreach (var (name, (on, off)) in times)
            Console.WriteLine($"  {name,-28} {Median(on),6:0.00} ms {Median(off),6:0.00} ms {Median(on) / Median(off),8:0.00}×");
        var (workOut, putBack) = await IdentityCostAsync(host, await UserIdAsync(host));
        Console.WriteLine($"  the identity in a connection: worked out {workOut:0.000} ms (a request's first), put back {putBack:0.000} ms (each further one), p50");
        return 0;
    }

    private static async Task SwitchAsync(string connectionString, bool on)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT DISTINCT tablename FROM pg_policies WHERE schemaname = 'public'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        foreach (var table in tables)
            await new NpgsqlCommand($"ALTER TABLE {table} {(on ? "ENABLE" : "DISABLE")} ROW LEVEL SECURITY", connection).ExecuteNonQueryAsync();
    }

    private static async Task<double> P50Async(Func<Task> run)
    {
        for (var i = 0; i < 10; i++) await run();
        var times = new List<double>();
        for (var i = 0; i < Requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }

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
