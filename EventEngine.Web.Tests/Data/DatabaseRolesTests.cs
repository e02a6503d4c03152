using EventEngine.Web.Data;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventEngine.Web.Tests.Data;

/// <summary>
/// The app connects as a role that owns no table and is no superuser (so the database's own rules hold for it);
/// migrations run as the role that owns the tables, and refuse the app's role.
/// </summary>
public class DatabaseRolesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_app_connects_as_a_role_that_owns_nothing_and_is_no_superuser()
    {
        Assert.True(TestDatabase.AppRole is not null, "scripts/test sets ConnectionStrings__Migrations and ConnectionStrings__Default to two roles.");

        var (user, superuser, owned) = await app.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT current_user::text, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                       (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user)
                """;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2));
        });

        Assert.Equal(TestDatabase.AppRole, user);
        Assert.False(superuser);
        Assert.Equal(0, owned);
    }

    [Theory]
    [InlineData("ALTER TABLE events ADD COLUMN sneaky integer")]
    [InlineData("DROP TABLE guests")]
    [InlineData("DELETE FROM schema_migrations")]
    [InlineData("CREATE TABLE sneaky (id integer)")]
    public async Task The_apps_role_may_not_change_the_schema_or_the_record_of_migrations(string sql)
    {
        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Migrations_refuse_to_run_as_the_apps_role_and_say_which_setting_to_use()
    {
        var refused = await Assert.ThrowsAsync<MigrationRoleException>(() =>
            new MigrationRunner(app.Database.AppConnectionString, Migration.Embedded(), NullLogger.Instance).MigrateAsync());
        Assert.Contains("ConnectionStrings__Migrations", refused.Message);

        // The server command too: given only the app's role, it stops with that message and changes nothing.
        var (exit, output) = await AppCommand.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Default"] = app.Database.AppConnectionString }, "migrate");
        Assert.Equal(1, exit);
        Assert.Contains("Migrations must run as the role that owns the tables", output);
    }
}
