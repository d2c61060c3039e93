namespace OrderActors.Runtime.Core;

/// <summary>One entry of an activation's mailbox: a call, a timer tick, activation or deactivation.</summary>
internal abstract class WorkItem
{
    /// <summary>The chain of the caller (null for a call from outside any grain).</summary>
    public CallChain? Chain { get; set; }

    /// <summary>When the item was sent (runtime clock timestamp), for the call timeout.</summary>
    public long SentAt { get; set; }

    /// <summary>The grain it is addressed to.</summary>
    public GrainId Target { get; set; }

    /// <summary>The activation it was last enqueued on, for grain-to-grain calls (the wait-cycle check follows it).</summary>
    public Activation? Recipient { get; set; }

    // 0 queued, 1 begun, 2 refused while queued (a wait cycle's victim): the two last are final.
    private int _phase;

    /// <summary>True once its turn has begun.</summary>
    public bool Started => Volatile.Read(ref _phase) == 1;

    /// <summary>True once it was refused while queued (<see cref="TryRefuseQueued"/>).</summary>
    protected bool Refused => Volatile.Read(ref _phase) == 2;

    /// <summary>Marks the turn begun; false when the item was refused while queued and must not run.</summary>
    protected bool TryBegin() => Interlocked.CompareExchange(ref _phase, 1, 0) == 0;

    /// <summary>Fails the item with <paramref name="exception"/> if its turn has not begun, and then it never will.</summary>
    public bool TryRefuseQueued(Exception exception)
    {
        if (Interlocked.CompareExchange(ref _phase, 2, 0) != 0)
        {
            return false;
        }

        Fail(exception);
        return true;
    }

    /// <summary>True once a call's caller has its answer (or failure).</summary>
    public virtual bool IsAnswered => false;

    /// <summary>True for grain calls (counted, timed out, forwarded after deactivation).</summary>
    public virtual bool IsCall => false;

    /// <summary>Starts the item's turn on <paramref name="activation"/> and returns the turn's task.</summary>
    public abstract Task Start(Activation activation);

    /// <summary>The turn's task completed.</summary>
    public abstract void Finish(Activation activation, Task turn);

    /// <summary>The item cannot run (activation failed or silo stopped).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>The activation was deactivated before the item ran: calls go to a fresh activation, the rest is dropped.</summary>
    public abstract void Divert(GrainRuntime runtime);

    /// <summary>Fails a call that has waited too long; false if not a call or already completed.</summary>
    public virtual bool TryTimeOut(TimeSpan timeout) => false;
}
