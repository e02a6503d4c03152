using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace EventEngine.Web.Data;

/// <summary>
/// Makes sure the shared key ring has a key before the app serves anything. Instances that start together would each
/// make their own first key, and cookies one issued would fail on the others until they reloaded the ring; so the
/// migrate command (and a start that migrates) makes it, under a PostgreSQL advisory lock, once.
/// </summary>
public static class KeyRing
{
    // Any constant other than the migrations' own lock key.
    private const long AdvisoryLockKey = 0x4545_4B45_5952_494E; // "EEKEYRIN"

    public static async Task EnsureKeyAsync(IServiceProvider services, string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection)) await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            var keys = services.GetRequiredService<IKeyManager>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            // A key that is usable now and for a while yet; Data Protection rolls the ring forward itself from there.
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
                keys.CreateNewKey(now, now.AddDays(90));
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
