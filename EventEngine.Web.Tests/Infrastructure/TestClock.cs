namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>A clock tests can move. Timers still run on real time; only "now" is shifted.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan offset;

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;

    /// <summary>Moves the clock so that now is <paramref name="utc"/>.</summary>
    public void Set(DateTime utc) => offset = DateTime.SpecifyKind(utc, DateTimeKind.Utc) - base.GetUtcNow().UtcDateTime;
}
