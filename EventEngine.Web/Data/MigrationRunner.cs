using Npgsql;

namespace EventEngine.Web.Data;

/// <summary>
/// Applies the SQL migrations in version order. A PostgreSQL advisory lock makes instances that start together
/// take turns; each migration runs in its own transaction with its record in schema_migrations. It runs as the role
/// that owns the tables; when the app connects as another role (<paramref name="appRole"/>), that role is then given
/// the use of every table, sequence and function, and nothing more: it cannot change the schema or own a table.
/// </summary>
public sealed class MigrationRunner(string connectionString, IReadOnlyList<Migration> migrations, ILogger logger, string? appRole = null)
{
    // Any constant works as long as nothing else in the database uses it for pg_advisory_lock.
    private const long AdvisoryLockKey = 7_265_917_830_455_001;

    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await EnsureDatabaseExistsAsync(cancellationToken);
        // Unpooled: Npgsql caches a database's types per connection pool, and the app's pool must load them only
        // after the migrations have created types such as citext.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "eventengine-migrations" };
        await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await RefuseRestrictedRoleAsync(connection, cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            Verify(applied);

            var pending = migrations.Where(m => !applied.ContainsKey(m.Version)).ToList();
            foreach (var migration in pending)
            {
                logger.LogInformation("Applying migration {Version}_{Name}", migration.Version, migration.Name);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, migration.Sql, cancellationToken, transaction);
                await using var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction);
                record.Parameters.Add(new() { Value = migration.Version });
                record.Parameters.Add(new() { Value = migration.Name });
                record.Parameters.Add(new() { Value = migration.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            if (appRole is not null) await GrantAsync(connection, appRole, cancellationToken);
            return pending;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>Creates the database named in the connection string when the server does not have it yet.</summary>
    private async Task EnsureDatabaseExistsAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new() { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;

        logger.LogInformation("Creating database {Database}", database);
        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it first.
        }
    }

    /// <summary>Migrations need a role that may create tables; the app's restricted role may not, and is told so.</summary>
    private static async Task RefuseRestrictedRoleAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT current_user, has_schema_privilege('public', 'CREATE')", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetBoolean(1))
            throw new MigrationRoleException(
                $"Migrations must run as the role that owns the tables, and \"{reader.GetString(0)}\" may not create them. " +
                "Set ConnectionStrings__Migrations to the owning role (ConnectionStrings__Default stays the app's restricted role).");
    }

    /// <summary>The app's role may read and write rows, use sequences and call functions; the migration record is read-only to it.</summary>
    private static async Task GrantAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        var quoted = "\"" + role.Replace("\"", "\"\"") + "\"";
        await ExecuteAsync(connection, $"""
            GRANT USAGE ON SCHEMA public TO {quoted};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted};
            REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM {quoted};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {quoted};
            """, cancellationToken);
    }

    private void Verify(IReadOnlyDictionary<string, (string Name, string Checksum)> applied)
    {
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var record) && record.Checksum != migration.Checksum)
                throw new MigrationChecksumMismatchException(
                    $"Migration {migration.Version}_{migration.Name}.sql was changed after it was applied to this database " +
                    $"(applied checksum {record.Checksum[..12]}…, file checksum {migration.Checksum[..12]}…). " +
                    "Applied migrations are append-only: restore the original file and put the change in a new migration.");
        }
        var unknown = applied.Keys.Except(migrations.Select(m => m.Version)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new MigrationChecksumMismatchException(
                $"The database has migrations this build does not know ({string.Join(", ", unknown)}): it was migrated by a newer version of the app.");
    }

    private static async Task<Dictionary<string, (string Name, string Checksum)>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed class MigrationChecksumMismatchException(string message) : Exception(message);

public sealed class MigrationRoleException(string message) : Exception(message);
