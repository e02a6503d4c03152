using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace EventEngine.Web.Data;

/// <summary>A limit: so many hits per window, per key.</summary>
public sealed record RateLimit(string Name, int Permits, TimeSpan Window);

/// <summary>
/// Fixed-window counters in PostgreSQL (rate_limits), so every instance counts against the same numbers: ASP.NET's
/// rate limiter counts per process, and no PostgreSQL limiter package exists. A hit is one atomic upsert that starts a
/// new window when the old one has ended.
/// </summary>
public sealed class RateLimits(NpgsqlDataSource data, TimeProvider clock)
{
    /// <summary>How long the key must wait before its next hit counts as allowed, or null if it may go on.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(RateLimit limit, string key, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand("SELECT window_start, hits FROM rate_limits WHERE key = $1");
        command.Parameters.AddWithValue(Key(limit, key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Wait(limit, reader.GetFieldValue<DateTime>(0), reader.GetInt32(1)) : null;
    }

    /// <summary>Counts a hit; returns how long to wait when this hit went over the limit, else null.</summary>
    public async Task<TimeSpan?> HitAsync(RateLimit limit, string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var command = data.CreateCommand("""
            INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
            ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN rate_limits.window_start + $3 <= $2 THEN 1 ELSE rate_limits.hits + 1 END,
                window_start = CASE WHEN rate_limits.window_start + $3 <= $2 THEN $2 ELSE rate_limits.window_start END
            RETURNING window_start, hits
            """);
        command.Parameters.AddWithValue(Key(limit, key));
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(limit.Window);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var wait = Wait(limit, reader.GetFieldValue<DateTime>(0), reader.GetInt32(1) - 1);
        await reader.DisposeAsync();
        // Now and then, forget windows that ended long ago, so the table stays the size of the last day's clients.
        if (Random.Shared.Next(500) == 0)
        {
            await using var forget = data.CreateCommand("DELETE FROM rate_limits WHERE window_start < $1");
            forget.Parameters.AddWithValue(now.AddDays(-1));
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }
        return wait;
    }

    /// <summary>The wait for a window that started then with so many hits before this one, or null while under the limit.</summary>
    private TimeSpan? Wait(RateLimit limit, DateTime windowStart, int hits)
    {
        var end = windowStart + limit.Window;
        var now = clock.GetUtcNow().UtcDateTime;
        return now < end && hits >= limit.Permits ? end - now : null;
    }

    private static string Key(RateLimit limit, string key) => $"{limit.Name}:{key}";

    /// <summary>The client's address (a configured proxy's X-Forwarded-For has already replaced the connection's), the key of per-client limits.</summary>
    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>A row of rate_limits. <see cref="RateLimits"/> reads and writes it with SQL; the model has it so the schema check covers it.</summary>
public sealed class RateLimitWindow
{
    public string Key { get; set; } = "";
    public DateTime WindowStart { get; set; }
    public int Hits { get; set; }
}

public sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> w)
    {
        w.ToTable("rate_limits");
        w.HasKey(x => x.Key);
        w.Property(x => x.Key).HasMaxLength(200);
    }
}
