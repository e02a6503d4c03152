using EventEngine.Web.Messaging;

namespace EventEngine.Web.Registrations;

/// <summary>
/// Keeps the waiting lists moving without anyone asking: every half minute, holds and offers whose time is up lapse and
/// their places are offered to the next people waiting (<see cref="Capacity.LapseDueAsync"/>, safe on several instances).
/// </summary>
public sealed class WaitingList(Capacity capacity, TimeProvider clock, ILogger<WaitingList> logger) : PollingService(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => capacity.LapseDueAsync(cancellationToken);
}
