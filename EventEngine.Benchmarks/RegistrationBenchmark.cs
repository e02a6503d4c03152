using System.Diagnostics;
using EventEngine.Web.Domain;
using EventEngine.Web.Registrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventEngine.Benchmarks;

/// <summary>
/// The last places of a popular event: 500 people register at once through two instances of the app on one database,
/// for 50 places. Prints how many were registered and waitlisted, any excess over the capacity (must be 0), and
/// registrations per second. Asserts nothing.
/// </summary>
public static class RegistrationBenchmark
{
    private const int People = 500;
    private const int Places = 50;

    public static async Task<int> RunAsync()
    {
        await using var host = BenchmarkHost.Start();
        await using var second = host.App.WithWebHostBuilder(_ => { });
        // Starting the instances creates and migrates the database.
        var desks = new[] { host.App.Services.GetRequiredService<Capacity>(), second.Services.GetRequiredService<Capacity>() };
        var eventId = await PublicEventAsync(host.ConnectionString);
        // Both instances warm (EF Core's model, the connection pools) before the clock starts, on another event.
        var warmUp = await PublicEventAsync(host.ConnectionString);
        await Task.WhenAll(desks.Select((desk, i) => desk.RegisterAsync(new(warmUp, null, "Warm", $"warm{i}@example.com", 1, Confirmed: true))));

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, People).Select(i =>
            desks[i % 2].RegisterAsync(new(eventId, null, $"Person {i}", $"person{i}@example.com", 1, Confirmed: true))));
        clock.Stop();

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT coalesce(sum(places) FILTER (WHERE status = 'Confirmed'), 0), count(*) FILTER (WHERE status = 'Waitlisted') FROM registrations WHERE event_id = $1", connection)
        {
            Parameters = { new() { Value = eventId } },
        };
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (confirmed, waitlisted) = (reader.GetInt64(0), reader.GetInt64(1));
        Console.WriteLine($"Registration: {People} people at once through two app instances for {Places} places.");
        Console.WriteLine($"  registered {results.Count(r => r?.Status == RegistrationStatus.Confirmed)}, waitlisted {results.Count(r => r?.Status == RegistrationStatus.Waitlisted)} " +
            $"(the database: {confirmed} places confirmed, {waitlisted} waitlisted); excess over capacity {Math.Max(0, confirmed - Places)} (must be 0)");
        Console.WriteLine($"  {People / clock.Elapsed.TotalSeconds:N0} registrations per second ({clock.Elapsed.TotalMilliseconds:N0} ms for all {People})");
        return 0;
    }

    /// <summary>A published public event in London with <see cref="Places"/> places.</summary>
    private static async Task<Guid> PublicEventAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH org AS (INSERT INTO organisations (id, name, slug, created_at) VALUES (gen_random_uuid(), 'Popular', 'popular-' || gen_random_uuid(), now()) RETURNING id)
            INSERT INTO events (name, starts_at, time_zone_id, default_country, city_id, organisation_id, visibility, status, category, capacity, published_at, created_at, updated_at)
            SELECT 'Popular Night', now() + interval '30 days', 'Europe/London', 'GB', (SELECT id FROM cities WHERE slug = 'london'), org.id, 'Public', 'Published', 'Music', $1, now(), now(), now()
            FROM org RETURNING id
            """, connection) { Parameters = { new() { Value = Places } } };
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
