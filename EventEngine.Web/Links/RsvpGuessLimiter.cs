using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Links;

/// <summary>
/// Counts wrong RSVP tokens per client address in a fixed window. A client over the limit gets 429 on every RSVP
/// request until the window ends, right tokens included: answering those would tell a guesser which one was right.
/// Counts live in this instance's memory; with several instances each one limits on its own.
/// </summary>
public sealed class RsvpGuessLimiter(IOptions<RsvpOptions> options, TimeProvider clock)
{
    private const int MaxClients = 100_000;
    private readonly ConcurrentDictionary<string, Window> windows = new();

    private sealed record Window(DateTimeOffset Start, int Failures);

    /// <summary>How long the client must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!windows.TryGetValue(client, out var window)) return null;
        var end = window.Start + Length;
        var now = clock.GetUtcNow();
        if (now >= end) return null;
        return window.Failures >= options.Value.WrongTokensPerWindow ? end - now : null;
    }

    public void Fail(string client)
    {
        var now = clock.GetUtcNow();
        if (windows.Count > MaxClients) Forget(now);
        windows.AddOrUpdate(client, _ => new Window(now, 1),
            (_, window) => now >= window.Start + Length ? new Window(now, 1) : window with { Failures = window.Failures + 1 });
    }

    private TimeSpan Length => TimeSpan.FromMinutes(options.Value.WindowMinutes);

    private void Forget(DateTimeOffset now)
    {
        foreach (var (client, window) in windows)
            if (now >= window.Start + Length) windows.TryRemove(client, out _);
    }
}
