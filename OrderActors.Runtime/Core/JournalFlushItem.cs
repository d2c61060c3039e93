namespace OrderActors.Runtime.Core;

/// <summary>
/// A system turn that starts the append of the journal's pending pipelined records, so the snapshot and index it
/// computes from the state are exactly the durable records plus the pending ones. The append then runs in the
/// background while the next turns run; the journal queues the next flush when it ends.
/// </summary>
internal sealed class JournalFlushItem : WorkItem
{
    public override Task Start(Activation activation) =>
        activation.State == ActivationState.Active ? activation.FlushJournalAsync() : Task.CompletedTask;

    public override void Finish(Activation activation, Task turn)
    {
    }

    // Deactivation flushes the journal itself; nothing is left for this item then.
    public override void Fail(Exception exception)
    {
    }

    public override void Divert(GrainRuntime runtime)
    {
    }
}
