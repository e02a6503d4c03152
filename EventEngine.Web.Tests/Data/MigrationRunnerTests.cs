using EventEngine.Web.Data;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventEngine.Web.Tests.Data;

public class MigrationRunnerTests
{
    private static MigrationRunner Runner(TestDatabase db, IReadOnlyList<Migration>? migrations = null) =>
        new(db.ConnectionString, migrations ?? Migration.Embedded(), NullLogger.Instance);

    [Fact]
    public async Task Every_migration_is_applied_once_and_recorded_with_its_checksum()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var migrations = Migration.Embedded();

        var first = await Runner(db).MigrateAsync();
        var second = await Runner(db).MigrateAsync();

        Assert.Equal(migrations.Select(m => m.Version), first.Select(m => m.Version));
        Assert.Empty(second);
        Assert.Equal(migrations.Count, await db.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(migrations[0].Checksum, await db.ScalarAsync<string>("SELECT checksum FROM schema_migrations WHERE version = '0001'"));
    }

    [Fact]
    public async Task A_database_that_does_not_exist_yet_is_created()
    {
        var name = $"ee_test_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = name }.ConnectionString;
        try
        {
            await new MigrationRunner(connectionString, Migration.Embedded(), NullLogger.Instance).MigrateAsync();

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
            Assert.Equal((long)Migration.Embedded().Count, await command.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_afterwards_is_refused_with_a_clear_message()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        await Runner(db).MigrateAsync();
        var edited = Migration.Embedded().Select((m, i) => i == 0 ? m with { Sql = m.Sql + "\nALTER TABLE events ADD COLUMN sneaky int;" } : m).ToList();

        var error = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => Runner(db, edited).MigrateAsync());

        Assert.Contains("0001_initial.sql was changed after it was applied", error.Message);
        Assert.Contains("new migration", error.Message);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE column_name = 'sneaky'"));
    }

    [Fact]
    public async Task Line_endings_alone_do_not_count_as_an_edit()
    {
        var unix = Migration.FromFileName("0007_x.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
        var windows = Migration.FromFileName("0007_x.sql", "CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, Migration.FromFileName("0007_x.sql", "CREATE TABLE a (id bigint);\n").Checksum);
    }

    [Fact]
    public async Task A_failing_migration_leaves_no_trace_and_is_not_recorded()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var broken = Migration.Embedded().Append(Migration.FromFileName("9999_broken.sql", "CREATE TABLE half_done (id int); SELECT 1/0;")).ToList();

        await Assert.ThrowsAsync<PostgresException>(() => Runner(db, broken).MigrateAsync());

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM schema_migrations WHERE version = '9999'"));
        Assert.Equal((long)Migration.Embedded().Count, await db.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Instances_starting_together_take_turns_and_apply_each_migration_exactly_once()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        // A slow extra migration makes the instances overlap for certain.
        var migrations = Migration.Embedded().Append(Migration.FromFileName("9000_slow.sql", "SELECT pg_sleep(0.5); CREATE TABLE once_only (id int);")).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Runner(db, migrations).MigrateAsync())));

        Assert.Equal(migrations.Count, results.Sum(r => r.Count));
        Assert.Single(results, r => r.Count > 0);
        Assert.Equal((long)migrations.Count, await db.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task The_app_does_not_start_on_a_database_whose_applied_migration_was_edited()
    {
        await using var app = AppFactory.OnItsOwn();
        await app.InitializeAsync();
        await app.Database.ExecuteAsync("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = '0001'");

        Assert.ThrowsAny<Exception>(() => app.CreateClient());
    }

    [Fact]
    public void Migration_files_must_be_named_with_a_version()
    {
        Assert.Throws<InvalidOperationException>(() => Migration.FromFileName("initial.sql", ""));
        Assert.Equal(("0042", "add_things"), (Migration.FromFileName("0042_add_things.sql", "").Version, Migration.FromFileName("0042_add_things.sql", "").Name));
    }
}
