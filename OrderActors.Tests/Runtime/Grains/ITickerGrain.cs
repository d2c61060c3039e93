using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public interface ITickerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan period);

    Task StopTimerAsync();

    /// <summary>Holds the turn until the probe's gate opens.</summary>
    Task HoldTurnAsync();

    Task<int> GetTicksAsync();
}
