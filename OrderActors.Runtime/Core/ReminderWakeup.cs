namespace OrderActors.Runtime.Core;

/// <summary>Wakes the reminder service's poll loop (a poll timer tick, or a reminder registered due soon).</summary>
internal sealed class ReminderWakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);

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
}
