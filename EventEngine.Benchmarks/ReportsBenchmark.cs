using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace EventEngine.Benchmarks;

/// <summary>
/// Times the CSV export and each PDF report for an event of 10,000 guests through the app's real handlers, in-process,
/// and samples the process's working set while each runs. Prints figures; asserts nothing.
/// </summary>
public static partial class ReportsBenchmark
{
    private const int Guests = 10_000;
    private const int Runs = 5;

    private static readonly (string Name, string Path, double GoalMs)[] Exports =
    [
        ("CSV export", "/guests/export", 500),
        ("Guest list by household", "/reports/guest-list", 2000),
        ("Guest list by side", "/reports/guest-list?group=side", 2000),
        ("Caterer sheet", "/reports/caterer-sheet", 2000),
        ("Door list", "/reports/door-list", 2000),
        ("Seating plan", "/reports/seating-plan", 2000),
    ];

    public static async Task<int> RunAsync()
    {
        await using var host = BenchmarkHost.Start();
        var client = GuestTableBenchmark.CreateClient(host);
        var events = await GuestTableBenchmark.SetUpAsync(host, client, 2);
        var (warmUpEventId, eventId) = (events[0], events[1]);
        await GuestTableBenchmark.ImportAsync(client, warmUpEventId, 1_000);
        await GuestTableBenchmark.ImportAsync(client, eventId, Guests);
        await AddPlusOnesAndDietaryNeedsAsync(host.ConnectionString);
        // A running server has loaded its fonts and compiled its code paths to their optimised tier already; a few
        // rounds on the warm-up event do that here (the first rounds run unoptimised code, up to three times slower).
        for (var round = 0; round < 5; round++)
            foreach (var export in Exports) await client.GetByteArrayAsync($"/events/{warmUpEventId}{export.Path}");

        Console.WriteLine($"Exports of an event with {Guests:N0} guests (households of 4, 60 tables, plus-ones, dietary needs): {Runs} runs each, in-process server times.");
        Console.WriteLine("Peak working set is the whole process (app and client), sampled every 2 ms during the runs; allocated is per run.");
        Console.WriteLine($"  {"export",-24} {"size",9} {"pages",6} {"median",8} {"slowest",8} {"goal",8} {"peak working set",18} {"allocated",10}");
        foreach (var (name, path, goal) in Exports)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var baseline = Environment.WorkingSet;
            var peak = baseline;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Environment.WorkingSet);
                    await Task.Delay(2);
                }
            });
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var times = new List<double>();
            byte[] body = [];
            for (var i = 0; i < Runs; i++)
            {
                var clock = Stopwatch.StartNew();
                body = await client.GetByteArrayAsync($"/events/{eventId}{path}");
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Runs;
            await sampling.CancelAsync();
            await sampler;
            times.Sort();
            var pages = path.StartsWith("/reports", StringComparison.Ordinal) ? PageObject().Count(Encoding.Latin1.GetString(body)).ToString("N0") : "-";
            Console.WriteLine($"  {name,-24} {body.Length / 1024,6:N0} KB {pages,6} {times[Runs / 2],5:N0} ms {times[^1],5:N0} ms {$"<= {goal:N0} ms",8} " +
                $"{$"{peak / 1048576:N0} MB (+{(peak - baseline) / 1048576:N0})",18} {allocated / 1048576,7:N0} MB");
        }
        return 0;
    }

    /// <summary>The import gives households, sides, answers and tables; this adds what a caterer and a door list need.</summary>
    private static async Task AddPlusOnesAndDietaryNeedsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand("""
            WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM guests)
            UPDATE guests g SET
                plus_ones_allowed = CASE WHEN n % 5 = 0 THEN 2 ELSE 0 END,
                plus_ones_coming = CASE WHEN n % 5 = 0 AND g.status = 'Confirmed' THEN 1 ELSE 0 END,
                plus_one_names = CASE WHEN n % 5 = 0 AND g.status = 'Confirmed' THEN ARRAY['Partner ' || n] ELSE '{}' END,
                plus_one_dietary_needs = CASE WHEN n % 5 = 0 AND g.status = 'Confirmed' THEN ARRAY['vegetarian'] ELSE '{}' END,
                dietary_needs = (ARRAY['vegetarian', 'vegan, no nuts', 'halal', 'gluten-free', 'kosher', NULL, NULL, NULL, NULL, NULL])[n % 10 + 1]
            FROM numbered WHERE g.id = numbered.id
            """, connection).ExecuteNonQueryAsync();
        // As autovacuum would before long: the update left a dead row behind every guest.
        await new NpgsqlCommand("VACUUM ANALYZE guests", connection).ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"/Type\s*/Page\b(?!s)")]
    private static partial Regex PageObject();
}
