using EventEngine.Web.Data;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace EventEngine.Web.Tests.Data;

/// <summary>The SQL migrations and the EF Core model are written separately; this proves they describe the same schema.</summary>
public class SchemaMatchesModelTests(AppFactory app) : IClassFixture<AppFactory>
{
    // The design-time model keeps what the runtime model drops, such as index filters.
    private IRelationalModel Model()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().GetService<IDesignTimeModel>().Model.GetRelationalModel();
    }

    [Fact]
    public async Task The_migrated_tables_are_exactly_the_models_tables()
    {
        var modelTables = Model().Tables.Select(t => t.Name).Order().ToList();

        var databaseTables = await ReadAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name",
            r => r.GetString(0));

        Assert.Equal(modelTables, databaseTables);
    }

    [Fact]
    public async Task The_migrated_views_are_exactly_the_models_views_with_their_columns()
    {
        var expected = Model().Views.SelectMany(v => v.Columns.Select(c => $"{v.Name}.{c.Name}")).Order().ToList();

        var actual = await ReadAsync("""
            SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c
            JOIN information_schema.views v ON v.table_schema = c.table_schema AND v.table_name = c.table_name
            WHERE c.table_schema = 'public'
            """, r => r.GetString(0));

        Assert.Equal(expected, actual.Order().ToList());
    }

    [Fact]
    public async Task Every_column_has_the_models_type_and_nullability()
    {
        var expected = Model().Tables
            .SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}: {c.StoreType}{(c.IsNullable ? " null" : " not null")}"))
            .Order().ToList();

        var actual = await ReadAsync("""
            SELECT c.relname || '.' || a.attname || ': ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> 'schema_migrations'
            """, r => r.GetString(0));

        Assert.Equal(expected, actual.Order().ToList());
    }

    [Fact]
    public async Task Every_index_has_the_models_name_columns_uniqueness_and_filter()
    {
        var expected = Model().Tables
            .SelectMany(t => t.Indexes.Select(i => $"{t.Name}.{i.Name}({string.Join(",", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}{(i.Filter is null ? "" : " where " + i.Filter)}"))
            .Order().ToList();

        var actual = await ReadAsync("""
            SELECT t.relname || '.' || i.relname || '(' ||
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) || ')' ||
                   CASE WHEN x.indisunique THEN ' unique' ELSE '' END ||
                   COALESCE(' where ' || regexp_replace(pg_get_expr(x.indpred, x.indrelid), '^\((.*)\)$', '\1'), '')
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT x.indisprimary AND t.relname <> 'schema_migrations'
            """, r => r.GetString(0));

        // The regexp above drops the outer parentheses PostgreSQL puts around a filter ("(phone IS NOT NULL)").
        Assert.Equal(expected, actual.Order().ToList());
    }

    [Fact]
    public async Task Every_primary_and_foreign_key_of_the_model_exists_with_its_name()
    {
        var expected = Model().Tables
            .SelectMany(t => t.ForeignKeyConstraints.Select(f => $"{t.Name}.{f.Name} -> {f.PrincipalTable.Name}")
                .Concat(t.PrimaryKey is null ? [] : [$"{t.Name}.{t.PrimaryKey.Name}"]))
            .Order().ToList();

        var actual = await ReadAsync("""
            SELECT c.conrelid::regclass::text || '.' || c.conname || CASE WHEN c.contype = 'f' THEN ' -> ' || c.confrelid::regclass::text ELSE '' END
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = 'public' AND c.contype IN ('p', 'f') AND c.conrelid::regclass::text <> 'schema_migrations'
            """, r => r.GetString(0));

        Assert.Equal(expected, actual.Order().ToList());
    }

    private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
