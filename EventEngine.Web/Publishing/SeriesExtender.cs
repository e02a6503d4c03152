using EventEngine.Web.Messaging;

namespace EventEngine.Web.Publishing;

/// <summary>Keeps every series planned two years ahead as time passes (and plans any whose planning an edit left undone).</summary>
public sealed class SeriesExtender(Series series, TimeProvider clock, ILogger<SeriesExtender> logger) : PollingService(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => series.ExtendDueAsync(cancellationToken);
}
