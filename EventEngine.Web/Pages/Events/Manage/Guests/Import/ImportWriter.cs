using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>
/// Carries out an <see cref="ImportPlan"/> in one transaction with PostgreSQL's binary COPY into temporary tables,
/// then one statement each into households and guests: COPY cannot write to a table with row-level security, and
/// this way the database still checks every row belongs to an event the importer reaches. Either all of it lands or none.
/// </summary>
public static class ImportWriter
{
    private const string HouseholdColumns = "id, event_id, name, created_at";
    private const string GuestColumns = "id, event_id, household_id, first_name, last_name, phone, email, side, status, plus_ones_allowed, " +
        "plus_ones_coming, plus_one_names, dietary_needs, table_name, tags, notes, added_by_id, created_at, updated_at";

    /// <summary>
    /// False if the import had already been carried out (a double click, a second tab). Whatever the caller has
    /// tracked on <paramref name="db"/> (its activity-log entry) is saved in the same transaction.
    /// </summary>
    public static async Task<bool> CommitAsync(AppDbContext db, GuestImport import, ImportPlan plan, byte[]? rejectedCsv, DateTime now, CancellationToken cancel = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var claimed = await db.GuestImports.Where(i => i.Id == import.Id && i.CompletedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.CompletedAt, now).SetProperty(i => i.Added, plan.New.Count).SetProperty(i => i.Updated, plan.Updates.Count)
                .SetProperty(i => i.Skipped, plan.Skipped).SetProperty(i => i.Rejected, plan.Rejected).SetProperty(i => i.RejectedCsv, rejectedCsv)
                .SetProperty(i => i.Flagged, plan.Flagged).SetProperty(i => i.Flags, plan.Flags), cancel);
        if (claimed == 0) return false;

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync($"""
            CREATE TEMP TABLE import_households ON COMMIT DROP AS SELECT {HouseholdColumns} FROM households WITH NO DATA;
            CREATE TEMP TABLE import_guests ON COMMIT DROP AS SELECT {GuestColumns} FROM guests WITH NO DATA;
            """, cancel);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY import_households ({HouseholdColumns}) FROM STDIN (FORMAT BINARY)", cancel))
        {
            foreach (var h in plan.NewHouseholds)
            {
                await copy.StartRowAsync(cancel);
                await copy.WriteAsync(h.Id, NpgsqlDbType.Uuid, cancel);
                await copy.WriteAsync(h.EventId, NpgsqlDbType.Uuid, cancel);
                await copy.WriteAsync(h.Name, NpgsqlDbType.Varchar, cancel);
                await copy.WriteAsync(h.CreatedAt, NpgsqlDbType.TimestampTz, cancel);
            }
            await copy.CompleteAsync(cancel);
        }

        await CopyGuestsAsync(connection, "import_guests", plan.New, cancel);
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO households ({HouseholdColumns}) SELECT {HouseholdColumns} FROM import_households;
            INSERT INTO guests ({GuestColumns}) SELECT {GuestColumns} FROM import_guests;
            """, cancel);
        if (plan.Updates.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TEMP TABLE import_updates ON COMMIT DROP AS SELECT " + GuestColumns + " FROM guests WITH NO DATA", cancel);
            await CopyGuestsAsync(connection, "import_updates", plan.Updates, cancel);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE guests g SET household_id = u.household_id, first_name = u.first_name, last_name = u.last_name, phone = u.phone,
                    email = u.email, side = u.side, status = u.status, plus_ones_allowed = u.plus_ones_allowed, plus_ones_coming = u.plus_ones_coming,
                    plus_one_names = u.plus_one_names, dietary_needs = u.dietary_needs, table_name = u.table_name, tags = u.tags, notes = u.notes,
                    updated_at = u.updated_at
                FROM import_updates u WHERE g.id = u.id AND g.event_id = {import.EventId}
                """, cancel);
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return true;
    }

    private static async Task CopyGuestsAsync(NpgsqlConnection connection, string table, List<Guest> guests, CancellationToken cancel)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({GuestColumns}) FROM STDIN (FORMAT BINARY)", cancel);
        foreach (var g in guests)
        {
            await copy.StartRowAsync(cancel);
            await copy.WriteAsync(g.Id, NpgsqlDbType.Uuid, cancel);
            await copy.WriteAsync(g.EventId, NpgsqlDbType.Uuid, cancel);
            await WriteNullableAsync(copy, g.HouseholdId, NpgsqlDbType.Uuid, cancel);
            await copy.WriteAsync(g.FirstName, NpgsqlDbType.Varchar, cancel);
            await WriteNullableAsync(copy, g.LastName, NpgsqlDbType.Varchar, cancel);
            await WriteNullableAsync(copy, g.Phone, NpgsqlDbType.Varchar, cancel);
            if (g.Email is null) await copy.WriteNullAsync(cancel);
            else await copy.WriteAsync(g.Email, NpgsqlDbType.Citext, cancel);
            await WriteNullableAsync(copy, g.Side, NpgsqlDbType.Varchar, cancel);
            await copy.WriteAsync(g.Status.ToString(), NpgsqlDbType.Varchar, cancel);
            await copy.WriteAsync(g.PlusOnesAllowed, NpgsqlDbType.Integer, cancel);
            await copy.WriteAsync(g.PlusOnesComing, NpgsqlDbType.Integer, cancel);
            await copy.WriteAsync(g.PlusOneNames.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancel);
            await WriteNullableAsync(copy, g.DietaryNeeds, NpgsqlDbType.Varchar, cancel);
            await WriteNullableAsync(copy, g.TableName, NpgsqlDbType.Varchar, cancel);
            await copy.WriteAsync(g.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancel);
            await WriteNullableAsync(copy, g.Notes, NpgsqlDbType.Varchar, cancel);
            await WriteNullableAsync(copy, g.AddedById, NpgsqlDbType.Uuid, cancel);
            await copy.WriteAsync(g.CreatedAt, NpgsqlDbType.TimestampTz, cancel);
            await copy.WriteAsync(g.UpdatedAt, NpgsqlDbType.TimestampTz, cancel);
        }
        await copy.CompleteAsync(cancel);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancel)
    {
        if (value is null) await copy.WriteNullAsync(cancel);
        else await copy.WriteAsync(value, type, cancel);
    }
}
