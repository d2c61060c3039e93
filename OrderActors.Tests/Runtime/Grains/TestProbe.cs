using System.Collections.Concurrent;
using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

/// <summary>A per-test singleton the test grains report to and take instructions from.</summary>
public sealed class TestProbe
{
    private int _failuresToInject;
    private int _activationFailures;

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<ReminderTick> Ticks { get; } = new();

    public ConcurrentQueue<string> Log { get; } = new();

    public int TimerTicks;

    public int TimerOverlaps;

    public int DeliveryAttempts;

    private readonly ConcurrentDictionary<string, (TaskCompletionSource All, int[] Arrived)> _meetings = new();

    /// <summary>Completes when <paramref name="parties"/> callers have arrived at <paramref name="meeting"/> (turns that are all running at once).</summary>
    public Task MeetAsync(string meeting, int parties)
    {
        var (all, arrived) = _meetings.GetOrAdd(meeting, _ => (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new int[1]));
        if (Interlocked.Increment(ref arrived[0]) == parties)
        {
            all.TrySetResult();
        }

        return all.Task;
    }

    public void FailNext(int count) => Volatile.Write(ref _failuresToInject, count);

    public bool ShouldFail() => Interlocked.Decrement(ref _failuresToInject) >= 0;

    public void FailActivations(int count) => Volatile.Write(ref _activationFailures, count);

    public bool ShouldFailActivation() => Interlocked.Decrement(ref _activationFailures) >= 0;
}

public sealed record ReminderTick(GrainId GrainId, string Name, DateTimeOffset DueAt, DateTimeOffset DeliveredAt);
