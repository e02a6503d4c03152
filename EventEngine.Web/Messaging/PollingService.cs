namespace EventEngine.Web.Messaging;

/// <summary>
/// A background service that does its work, waits the poll interval on the app's clock, and again, until the app
/// stops. A failed run is logged and the next one tries again, so a passing database outage does not end it.
/// </summary>
public abstract class PollingService(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The app's clock (the tests' movable one in tests), for the work as well as the waits.</summary>
    protected TimeProvider Clock => clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run; the tests call the public method behind it directly.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "{Service} failed; trying again at its next run.", GetType().Name);
            }
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
