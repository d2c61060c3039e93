namespace OrderActors.Runtime.Core;

/// <summary>
/// A non-durable grain timer on the runtime's <see cref="TimeProvider"/>. Each tick is queued as a turn of the activation;
/// while one tick is queued or running, further ticks are skipped, so ticks never pile up behind a slow turn.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private int _queued;
    private int _disposed;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, TimeProvider time)
    {
        _activation = activation;
        _callback = callback;
        _timer = time.CreateTimer(static state => ((GrainTimer)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(dueTime, period <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period);
    }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public Task InvokeCallback() => _callback(CancellationToken.None);

    public void TickDone() => Volatile.Write(ref _queued, 0);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _timer.Dispose();
            _activation.RemoveTimer(this);
        }
    }

    private void OnTick()
    {
        if (!IsDisposed && Interlocked.Exchange(ref _queued, 1) == 0)
        {
            _activation.Enqueue(new TimerTickItem(this));
        }
    }
}
