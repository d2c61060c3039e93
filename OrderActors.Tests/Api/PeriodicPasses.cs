using OrderActors.Api;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime;

namespace OrderActors.Tests.Api;

/// <summary>Drives a <see cref="PeriodicPassService"/> on a manual clock one pass at a time.</summary>
internal static class PeriodicPasses
{
    /// <summary>Waits until the service waits on the clock (its start-up pass done, no pass running).</summary>
    public static Task WaitIdleAsync(PeriodicPassService service) =>
        Eventually.WaitUntilAsync(() => Task.FromResult(service.IsWaiting), $"{service.GetType().Name} waits for its next pass");

    /// <summary>Moves the clock by <paramref name="interval"/> once the service waits, and waits until that one pass is over.</summary>
    public static async Task RunOneAsync(PeriodicPassService service, ManualTimeProvider clock, TimeSpan interval)
    {
        await WaitIdleAsync(service);
        var before = service.PassesCompleted;
        clock.Advance(interval);
        await Eventually.WaitUntilAsync(() => Task.FromResult(service.PassesCompleted > before), $"{service.GetType().Name} ran its pass");
    }
}
