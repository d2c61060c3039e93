using System.Collections.Concurrent;

namespace OrderActors.Runtime.Core;

/// <summary>
/// Between the grain runtime and the reminder service: wakes the service's poll loop (a poll timer tick, or a reminder
/// registered due soon), and tells it when a reminder was registered again or removed, so that a tick it had already
/// read ahead of its due time and scheduled is dropped instead of delivered.
/// </summary>
internal sealed class ReminderWakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), object> _scheduled = new();

    public void Set()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    /// <summary>A tick of this reminder, identified by <paramref name="tick"/>, waits for its due time.</summary>
    public void Scheduled(GrainId grain, string name, object tick) => _scheduled[(grain, name)] = tick;

    /// <summary>At the due time: true if the scheduled tick still stands (the reminder was not changed meanwhile).</summary>
    public bool TryClaim(GrainId grain, string name, object tick) => _scheduled.TryRemove(KeyValuePair.Create((grain, name), tick));

    /// <summary>The reminder was registered again or removed (call after the write): a tick scheduled from its old row is dropped.</summary>
    public void Changed(GrainId grain, string name) => _scheduled.TryRemove((grain, name), out _);
}
