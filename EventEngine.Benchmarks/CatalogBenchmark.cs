using System.Diagnostics;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventEngine.Benchmarks;

/// <summary>
/// The public catalog at scale: 100,000 published events in 50 cities over the coming year, from 500 organisations,
/// with realistic names, venues and prices. Prints p50/p95 of the catalog query and of the whole htmx results request
/// for each filter, the same city-and-weekend page as one hand-written SQL statement (the raw baseline), and the
/// catalog page's requests per second under wrk at 8 and 32 connections. Asserts nothing.
/// </summary>
public static class CatalogBenchmark
{
    private const int Events = 100_000;
    private const int Cities = 50;
    private const int Requests = 200;

    private static readonly string[] Genres = ["Jazz", "Indie", "Folk", "Techno", "Classical", "Comedy", "Poetry", "Pottery", "Yoga", "Street Food",
        "Wine", "Photography", "Startup", "Salsa", "Chess", "Film", "Vinyl", "Craft Beer", "Gospel", "Opera"];
    private static readonly string[] Formats = ["Festival", "Night", "Workshop", "Market", "Meetup", "Concert", "Club", "Tasting", "Walk", "Session"];
    private static readonly string[] Adjectives = ["Summer", "Late", "Sunday", "Open Air", "Midweek", "Candlelit", "Riverside", "Rooftop", "Winter", "Grand"];
    private static readonly string[] Venues = ["Town Hall", "The Old Library", "Harbour Warehouse", "Botanic Gardens", "Union Chapel", "Corn Exchange",
        "Riverside Arts Centre", "The Blue Room", "Market Square", "Opera House", "Brewery Yard", "Castle Courtyard"];
    // Genre index → category, in the order of EventCategory.
    private static readonly string[] Categories = ["Music", "Music", "Music", "Nightlife", "Music", "Arts", "Arts", "Learning", "Wellness", "Food",
        "Food", "Arts", "Business", "Nightlife", "Community", "Film", "Music", "Food", "Music", "Theatre"];

    public static async Task<int> RunAsync()
    {
        await using var host = BenchmarkHost.Start();
        host.App.UseKestrel(0);
        host.App.StartServer();
        var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var seeding = Stopwatch.StartNew();
        await SeedAsync(host.ConnectionString);
        Console.WriteLine($"Catalog: {Events:N0} published events in {Cities} cities over a year, seeded in {seeding.Elapsed.TotalSeconds:0} s " +
            $"(search words kept by the trigger as they went in). {Requests} requests per scenario after 20 to warm up.");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var scenarios = new (string Name, string Query, CatalogQuery.Filter Filter)[]
        {
            ("city + this weekend", "city=london&when=Weekend", new() { City = "london", When = CatalogWhen.Weekend }),
            ("a category over 30 days", $"category=Food&from={today:yyyy-MM-dd}&to={today.AddDays(29):yyyy-MM-dd}",
                new() { Category = Web.Domain.EventCategory.Food, When = CatalogWhen.Dates, From = today, To = today.AddDays(29) }),
            ("two words: \"jazz festival\"", "q=jazz+festival", new() { Words = "jazz festival" }),
            ("misspelt: \"jaz festval\"", "q=jaz+festval", new() { Words = "jaz festval" }),
            ("page 20 of a city", "", new() { City = "paris" }),
        };
        // Page 20 is reached the way a visitor does: each page's "later events" cursor leads to the next.
        var page20 = await CursorAsync(host, scenarios[4].Filter, 19);
        scenarios[4] = scenarios[4] with
        {
            Query = $"city=paris&afterStart={Uri.EscapeDataString(page20.Start.ToString("o"))}&afterId={page20.Id}",
            Filter = scenarios[4].Filter with { After = page20 },
        };

        Console.WriteLine($"  {"scenario",-28} {"query p50",10} {"p95",8} {"request p50",12} {"p95",8}   goal p95 <= 20 ms");
        foreach (var (name, query, filter) in scenarios)
        {
            var sql = await TimeAsync(async () =>
            {
                await using var scope = host.App.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CatalogQuery>().RunAsync(filter);
            });
            var http = await TimeAsync(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/discover?" + query);
                request.Headers.Add("HX-Request", "true");
                using var response = await client.SendAsync(request);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            Console.WriteLine($"  {name,-28} {sql.P50,7:0.0} ms {sql.P95,5:0.0} ms {http.P50,9:0.0} ms {http.P95,5:0.0} ms");
        }

        var raw = await RawWeekendAsync(host.ConnectionString);
        var ours = await TimeAsync(async () =>
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CatalogQuery>().RunAsync(scenarios[0].Filter);
        });
        Console.WriteLine($"  city + this weekend as one raw SQL statement: p50 {raw.P50:0.0} ms, p95 {raw.P95:0.0} ms; the catalog query, measured again " +
            $"alongside: p50 {ours.P50:0.0} ms, {ours.P50 / raw.P50:0.0}× raw (it also looks up the city's zone and maps through EF Core)");

        foreach (var connections in new[] { 8, 32 })
            Console.WriteLine($"  /discover?city=london (whole page), wrk -t2 -c{connections} -d10s: " +
                $"{PageWeightBenchmark.Wrk(address + "/discover?city=london", null, htmx: false, connections):N0} req/s");
        return 0;
    }

    private static async Task<(double P50, double P95)> TimeAsync(Func<Task> run)
    {
        for (var i = 0; i < 20; i++) await run();
        var times = new List<double>();
        for (var i = 0; i < Requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }

    private static async Task<CatalogQuery.Cursor> CursorAsync(BenchmarkHost host, CatalogQuery.Filter filter, int pages)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogQuery>();
        CatalogQuery.Cursor? after = null;
        for (var i = 0; i < pages; i++)
            after = (await catalog.RunAsync(filter with { After = after })).Next ?? throw new InvalidOperationException("Too few events for page 20.");
        return after!;
    }

    /// <summary>The same page as "city + this weekend", as one SQL statement with the window worked out beforehand.</summary>
    private static async Task<(double P50, double P95)> RawWeekendAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        var (cityId, zone) = await ScalarAsync(data);
        var (from, to) = CatalogQuery.Window(zone, CatalogWhen.Weekend, DateTime.UtcNow);
        return await TimeAsync(async () =>
        {
            await using var command = data.CreateCommand("""
                SELECT e.id, e.name, e.summary, e.starts_at, e.ends_at, e.time_zone_id, c.name, e.venue, e.category, o.name, e.status, e.attendance_mode, e.price_from, e.currency
                FROM events e JOIN organisations o ON o.id = e.organisation_id LEFT JOIN cities c ON c.id = e.city_id
                WHERE e.city_id = $1 AND e.visibility = 'Public' AND e.status = 'Published' AND e.starts_at >= $2 AND e.starts_at < $3
                  AND coalesce(e.ends_at, e.starts_at) >= now()
                ORDER BY e.starts_at, e.id LIMIT 21
                """);
            command.Parameters.Add(new() { Value = cityId });
            command.Parameters.Add(new() { Value = from });
            command.Parameters.Add(new() { Value = to });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        });
    }

    private static async Task<(Guid, string)> ScalarAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("SELECT id, time_zone_id FROM cities WHERE slug = 'london'");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetGuid(0), reader.GetString(1));
    }

    /// <summary>One INSERT … SELECT: names, venues, prices and times drawn from the row number, spread evenly over a year.</summary>
    public static async Task SeedAsync(string connectionString, int events = Events)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Run(string sql, params object[] values)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            foreach (var value in values) command.Parameters.Add(new() { Value = value });
            await command.ExecuteNonQueryAsync();
        }
        await Run("""
            INSERT INTO organisations (id, name, slug, created_at)
            SELECT gen_random_uuid(), 'Organiser ' || n, 'organiser-' || n, now() FROM generate_series(1, 500) n
            """);
        await Run("""
            WITH city AS (SELECT id, country, time_zone_id, row_number() OVER (ORDER BY slug = 'london' DESC, slug = 'paris' DESC, slug) - 1 AS i FROM cities),
                 org AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS i FROM organisations)
            INSERT INTO events (name, summary, description, venue, address, starts_at, ends_at, time_zone_id, default_country, city_id, organisation_id,
                                visibility, status, category, price_from, currency, published_at, created_at, updated_at)
            SELECT ($3::text[])[n % 10 + 1] || ' ' || ($1::text[])[n % 20 + 1] || ' ' || ($2::text[])[(n / 20) % 10 + 1],
                   'An evening of ' || lower(($1::text[])[n % 20 + 1]) || ' with friends old and new.',
                   'Doors open half an hour before. Bring a friend; all ages welcome. Run by volunteers since ' || (1990 + n % 30) || '.',
                   ($4::text[])[n % 12 + 1], (n % 200 + 1) || ' High Street',
                   now() + make_interval(secs => n * 315.36) , now() + make_interval(secs => n * 315.36 + 7200),
                   city.time_zone_id, city.country, city.id, org.id, 'Public', 'Published', ($5::text[])[n % 20 + 1],
                   CASE WHEN n % 5 < 2 THEN NULL ELSE 5 + n % 40 END, CASE WHEN n % 5 < 2 THEN NULL ELSE 'EUR' END, now(), now(), now()
            FROM generate_series(1, $6) n
            JOIN city ON city.i = n % $7
            JOIN org ON org.i = n % 500
            """, Genres, Formats, Adjectives, Venues, Categories, events, Cities);
        await Run("VACUUM ANALYZE events");
        await Run("VACUUM ANALYZE search_words");
    }
}
