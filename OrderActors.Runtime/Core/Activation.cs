using OrderActors.Runtime.Journaling;

namespace OrderActors.Runtime.Core;

/// <summary>
/// One activation of a grain: a compare-and-swap scheduled mailbox that runs one turn at a time on the thread pool
/// (no thread per grain). A turn lasts until the Task of its call completes, so an <c>await</c> keeps the turn; at most
/// <see cref="RuntimeOptions.MailboxThroughput"/> turns run per dispatch before the activation yields its thread.
/// </summary>
internal sealed partial class Activation : IThreadPoolWorkItem, IGrainContext, IJournalHost
{
    // The mailbox: a plain queue under its own lock, not a ConcurrentQueue. A ConcurrentQueue starts with a 32-slot
    // segment (~640 bytes with its objects) in every activation, most of which never queue more than a call or two:
    // that was ~40% of a bare activation's memory and ~1.1 KB of the 39 KB allocated per order in grain-intake.
    private readonly Queue<WorkItem> _queue = new(2);
    private static readonly ContextCallback StartTurnCallback = static state => ((Activation)state!).StartPendingTurn();

    private readonly CallChain _selfChain;
    private readonly Action _resume;
    private ExecutionContext? _selfContext;
    private WorkItem? _starting;
    private Task? _started;
    private readonly int _throughput;
    private int _scheduled;
    private int _state;
    private WorkItem? _current;
    private Task? _runningTask;
    private WorkItem? _next;
    private DeactivationReason? _deactivateAfterTurn;
    private long _lastActive;
    private long _calls;
    private long _failedCalls;
    private int _turnThread;
    private bool _releaseRequested;
    private int _listedForSweep;

    public Activation(GrainId grainId, GrainClassInfo grainClass, GrainRuntime runtime)
    {
        GrainId = grainId;
        Class = grainClass;
        Runtime = runtime;
        _selfChain = new CallChain(grainId, null, this);
        _resume = () => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        _throughput = Math.Max(1, runtime.Options.MailboxThroughput);
        _lastActive = runtime.Time.GetTimestamp();
        _queue.Enqueue(new ActivateItem()); // not yet shared: no lock needed
    }

    public GrainId GrainId { get; }

    public GrainClassInfo Class { get; }

    public GrainRuntime Runtime { get; }

    public IGrainFactory GrainFactory => Runtime;

    public ActivationState State
    {
        get => (ActivationState)Volatile.Read(ref _state);
        private set => Volatile.Write(ref _state, (int)value);
    }

    /// <summary>The grain instance; set during the activation turn.</summary>
    public object GrainInstance => _grain ?? throw new InvalidOperationException($"Grain {GrainId} is not activated.");

    public int QueueLength =>
        QueuedCount + (Volatile.Read(ref _current) is null ? 0 : 1) + Volatile.Read(ref _awaitingCount);

    public long CallsCompleted => Volatile.Read(ref _calls);

    public long CallsFailed => Volatile.Read(ref _failedCalls);

    /// <summary>Time since the last call finished, by the runtime clock.</summary>
    public TimeSpan IdleTime => Runtime.Time.GetElapsedTime(Volatile.Read(ref _lastActive));

    public void Enqueue(WorkItem item)
    {
        lock (_queue)
        {
            _queue.Enqueue(item);
        }

        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ListForSweepIfNeeded();
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    public void Execute()
    {
        if (_runningTask is { } finished)
        {
            _runningTask = null;
            EndTurn(_current!, finished);
        }

        var budget = _throughput;
        while (true)
        {
            var item = _next;
            if (item is not null)
            {
                _next = null;
            }
            else if (!TryDequeue(out item))
            {
                // The lock taken to look at the queue again is a full fence: the cleared flag is visible before the
                // look, so an Enqueue that found the flag still set has its item seen here.
                Volatile.Write(ref _scheduled, 0);
                if (!HasQueuedWork || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
                {
                    return;
                }

                ListForSweepIfNeeded();
                continue;
            }

            if (--budget < 0)
            {
                // Fairness: give the thread back and continue later with this item first.
                _next = item;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            if (State == ActivationState.Deactivated)
            {
                item.Divert(Runtime);
                continue;
            }

            // Published before the turn starts, so the timeout sweep and the inspector always see it.
            Volatile.Write(ref _waitingOn, null);
            Volatile.Write(ref _current, item);
            var turn = BeginTurn(item);
            var released = _releaseRequested;
            _releaseRequested = false;
            if (released && !turn.IsCompleted)
            {
                // The call's method only waits for its pipelined events to be durable: the next turn may start.
                Volatile.Write(ref _current, null);
                AnswerWhenDurable(item, turn, durability: null);
                continue;
            }

            if (!turn.IsCompleted)
            {
                _runningTask = turn;
                turn.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_resume);
                return;
            }

            EndTurn(item, turn);
        }
    }

    /// <summary>Fails every call (queued or running) sent longer than <paramref name="timeout"/> ago.</summary>
    public void SweepTimeouts(long now, TimeSpan timeout)
    {
        var time = Runtime.Time;
        if (Volatile.Read(ref _current) is { IsCall: true } running && time.GetElapsedTime(running.SentAt, now) >= timeout)
        {
            running.TryTimeOut(timeout);
        }

        // Cheap checks first: ConcurrentDictionary.Keys takes every lock. The set of calls waiting for durability is
        // null until the grain first pipelines.
        if (Volatile.Read(ref _awaitingCount) > 0 && Volatile.Read(ref _awaitingDurability) is { } awaiting)
        {
            foreach (var (item, _) in awaiting)
            {
                if (time.GetElapsedTime(item.SentAt, now) >= timeout)
                {
                    item.TryTimeOut(timeout);
                }
            }
        }

        // Timed out outside the lock: failing a call may run its caller's continuation.
        List<WorkItem>? expired = null;
        lock (_queue)
        {
            foreach (var item in _queue)
            {
                if (item.IsCall && time.GetElapsedTime(item.SentAt, now) >= timeout)
                {
                    (expired ??= []).Add(item);
                }
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var item in expired)
        {
            item.TryTimeOut(timeout);
        }
    }

    /// <summary>True when a turn has been running for longer than <paramref name="limit"/> (a stuck grain).</summary>
    public bool IsStuck(long now, TimeSpan limit) =>
        Volatile.Read(ref _current) is { IsCall: true } running && Runtime.Time.GetElapsedTime(running.SentAt, now) >= limit;

    private Task BeginTurn(WorkItem item)
    {
        _starting = item;
        _turnThread = Environment.CurrentManagedThreadId;
        if (item.Chain is null)
        {
            // Calls from outside any grain (and timer ticks) all run in one cached context whose chain is just this
            // grain: no ExecutionContext is allocated per turn.
            ExecutionContext.Run(_selfContext ??= CaptureContext(_selfChain), StartTurnCallback, this);
        }
        else
        {
            RuntimeContext.CurrentChain = new CallChain(GrainId, item.Chain, this);
            try
            {
                StartPendingTurn();
            }
            finally
            {
                RuntimeContext.CurrentChain = null;
            }
        }

        var started = _started!;
        _starting = null;
        _turnThread = 0;
        _started = null;
        return started;
    }

    private static ExecutionContext CaptureContext(CallChain chain)
    {
        RuntimeContext.CurrentChain = chain;
        try
        {
            return ExecutionContext.Capture()!;
        }
        finally
        {
            RuntimeContext.CurrentChain = null;
        }
    }

    private void StartPendingTurn()
    {
        try
        {
            _started = _starting!.Start(this);
        }
        catch (Exception ex)
        {
            _started = Task.FromException(ex);
        }
    }

    private void EndTurn(WorkItem item, Task turn)
    {
        Volatile.Write(ref _current, null);
        Volatile.Write(ref _waitingOn, null);
        if (item.IsCall && _journal?.PendingDurability is { } durability)
        {
            // The call saw pipelined events that are not durable yet: it is answered only when they are.
            AnswerWhenDurable(item, turn, durability);
        }
        else
        {
            Answer(item, turn);
        }

        if (_deactivateAfterTurn is { } reason && State == ActivationState.Active)
        {
            _deactivateAfterTurn = null;
            _next = new DeactivationItem(reason, onlyIfIdle: false, requestedAt: 0);
        }
    }
}
