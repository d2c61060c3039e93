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
