using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace EventEngine.Benchmarks;

/// <summary>The app in-process against a throwaway database, which is dropped afterwards. Sends nothing unless told.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly string server;
    private readonly string database;

    private BenchmarkHost(string server, string database, WebApplicationFactory<Program> app, string connectionString) =>
        (this.server, this.database, App, ConnectionString) = (server, database, app, connectionString);

    public WebApplicationFactory<Program> App { get; }
    public string ConnectionString { get; }

    public static BenchmarkHost Start(Action<IWebHostBuilder>? configure = null)
    {
        var appServer = Environment.GetEnvironmentVariable("ConnectionStrings__Default")
            ?? throw new InvalidOperationException("Set ConnectionStrings__Default (scripts/bench does).");
        // The owning role creates, migrates, seeds and drops the database; the app connects as its own role.
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? appServer;
        var database = $"ee_bench_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var appConnectionString = new NpgsqlConnectionStringBuilder(appServer) { Database = database }.ConnectionString;
        var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Default", appConnectionString);
            b.UseSetting("ConnectionStrings:Migrations", connectionString);
            b.UseSetting("Demo:Seed", "false");
            b.UseSetting("Rsvp:LinkKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            b.UseSetting("Outbox:Enabled", "false");
            b.UseSetting("Logging:LogLevel:Default", "Error");
            configure?.Invoke(b);
        });
        return new BenchmarkHost(server, database, app, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}
