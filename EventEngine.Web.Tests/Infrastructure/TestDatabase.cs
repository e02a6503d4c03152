using EventEngine.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL database of its own for one test class, cloned from a template database that was migrated
/// once (cloning takes milliseconds; migrating takes seconds). The server is the one named by
/// ConnectionStrings__Migrations (the role that owns the tables) and ConnectionStrings__Default (the app's restricted
/// role), which scripts/test sets; with only the second set, one role does both.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? templateName;

    public string Name { get; }
    /// <summary>As the role that owns the tables: for setting up and checking, past any rule the app is held to.</summary>
    public string ConnectionString { get; }
    /// <summary>As the app's own restricted role, which the app under test connects with.</summary>
    public string AppConnectionString { get; }

    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        AppConnectionString = new NpgsqlConnectionStringBuilder(AppServerConnectionString) { Database = name }.ConnectionString;
    }

    public static string AppServerConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Default")
        ?? throw new InvalidOperationException("Set ConnectionStrings__Default to a PostgreSQL server (scripts/test does this for you).");

    public static string ServerConnectionString => Environment.GetEnvironmentVariable("ConnectionStrings__Migrations") ?? AppServerConnectionString;

    /// <summary>The app's role when it is not the owning one; null when one role does both.</summary>
    public static string? AppRole
    {
        get
        {
            var app = new NpgsqlConnectionStringBuilder(AppServerConnectionString).Username;
            return app == new NpgsqlConnectionStringBuilder(ServerConnectionString).Username ? null : app;
        }
    }

    /// <summary>A fresh, migrated database.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await EnsureTemplateAsync();
        var database = new TestDatabase($"ee_test_{Guid.NewGuid():N}");
        await AdminAsync($"CREATE DATABASE {database.Name} TEMPLATE {template}");
        return database;
    }

    /// <summary>A database with nothing in it, not even the schema (for migration tests).</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var database = new TestDatabase($"ee_test_{Guid.NewGuid():N}");
        await AdminAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // The template's name carries the migrations' checksum, so a changed migration gets a new template.
    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (templateName is not null) return templateName;
            var migrations = Migration.Embedded();
            var fingerprint = string.Concat(migrations.Select(m => m.Checksum[..8]));
            var name = $"ee_template_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fingerprint)))[..16]}";
            var exists = await AdminScalarAsync($"SELECT 1 FROM pg_database WHERE datname = '{name}'") is not null;
            if (!exists)
            {
                var building = new TestDatabase(name + "_build_" + Environment.ProcessId);
                await AdminAsync($"DROP DATABASE IF EXISTS {building.Name} WITH (FORCE)");
                await AdminAsync($"CREATE DATABASE {building.Name}");
                await new MigrationRunner(building.ConnectionString, migrations, NullLogger.Instance, AppRole).MigrateAsync();
                NpgsqlConnection.ClearAllPools();
                try
                {
                    await AdminAsync($"ALTER DATABASE {building.Name} RENAME TO {name}");
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    await AdminAsync($"DROP DATABASE {building.Name} WITH (FORCE)"); // another test run built it first
                }
            }
            return templateName = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = await OpenAdminAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> AdminScalarAsync(string sql)
    {
        await using var connection = await OpenAdminAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
