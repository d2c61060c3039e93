using System.Diagnostics;

namespace OrderActors.Tests.Runtime;

/// <summary>Waits on a condition (never on a fixed delay); a real-time bound only turns a hang into a failure.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string description)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new TimeoutException($"Condition not met: {description}");
            }

            await Task.Yield();
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, string description) =>
        WaitUntilAsync(() => Task.FromResult(condition()), description);
}
