using System.Diagnostics;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventEngine.Benchmarks;

/// <summary>
/// Messages per second through the outbox (claim, send, record) to the local WhatsApp Cloud API stub, with one
/// sender instance and with two against the same database. Prints figures; asserts nothing.
/// </summary>
public static class OutboxBenchmark
{
    private const int Messages = 3_000;

    public static async Task<int> RunAsync()
    {
        await using var stub = await WhatsAppCloudStub.StartAsync();
        await using var host = BenchmarkHost.Start(b =>
        {
            b.UseSetting("WhatsApp:BaseUrl", stub.BaseUrl);
            b.UseSetting("WhatsApp:AccessToken", WhatsAppCloudStub.AccessToken);
            b.UseSetting("WhatsApp:PhoneNumberId", WhatsAppCloudStub.PhoneNumberId);
            b.UseSetting("WhatsApp:ApiVersion", WhatsAppCloudStub.ApiVersion);
            b.UseSetting("WhatsApp:MaxPerSecond", "100000");
        });
        var (app, connectionString) = (host.App, host.ConnectionString);
        _ = app.Services; // starts the app, which migrates the database
        Console.WriteLine($"EventEngine outbox benchmark: {Messages:N0} WhatsApp template messages to the local Cloud API stub, batch 20, 4 at a time per instance.");
        Console.WriteLine();
        foreach (var latency in new[] { 0, 20 })
        {
            stub.Latency = TimeSpan.FromMilliseconds(latency);
            var label = latency == 0 ? "stub answers at once" : $"stub answers after {latency} ms, like a real API";
            foreach (var instances in new[] { 1, 2 })
            {
                await QueueAsync(connectionString, Messages);
                var rate = await SendAllAsync(app, connectionString, instances);
                Console.WriteLine($"  {label,-42} {instances} instance{(instances == 1 ? " " : "s")}: {rate,7:N0} messages/s");
            }
        }
        return 0;
    }

    private static async Task QueueAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand("""
            DELETE FROM outbox_messages;
            INSERT INTO events (name, starts_at, time_zone_id, default_country) SELECT 'Benchmark', now() + interval '30 days', 'Europe/London', 'GB'
                WHERE NOT EXISTS (SELECT 1 FROM events);
            """, connection).ExecuteNonQueryAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO outbox_messages (event_id, channel, purpose, recipient, body_text, template_name, template_language, template_parameters, state, next_attempt_at)
            SELECT (SELECT id FROM events LIMIT 1), 'WhatsApp', 'Invitation', '+4477009' || lpad(n::text, 5, '0'), 'Invitation',
                   'event_invitation', 'en', ARRAY['Guest ' || n, 'Benchmark', 'Saturday', 'The Barn'], 'Queued', now() - interval '1 second'
            FROM generate_series(1, @count) n
            """, connection);
        insert.Parameters.AddWithValue("count", count);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<double> SendAllAsync(WebApplicationFactory<Program> app, string connectionString, int instances)
    {
        var senders = Enumerable.Range(0, instances).Select(_ => ActivatorUtilities.CreateInstance<OutboxSender>(app.Services)).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        foreach (var sender in senders) await sender.StartAsync(CancellationToken.None);
        while ((long)(await new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE state = 'Sent'", connection).ExecuteScalarAsync())! < Messages)
            await Task.Delay(5);
        var elapsed = clock.Elapsed;
        foreach (var sender in senders) await sender.StopAsync(CancellationToken.None);
        return Messages / elapsed.TotalSeconds;
    }
}
