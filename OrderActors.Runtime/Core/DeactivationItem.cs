namespace OrderActors.Runtime.Core;

/// <summary>
/// A deactivation as a turn, so it never overlaps a call. An idle collection is skipped if the activation did work
/// after it was requested; the calls that arrive meanwhile then simply run. A grain's own request
/// (<see cref="DeactivationReason.Requested"/>) waits behind work already queued, so those calls are served by this
/// activation instead of reloading a new one; the journal's pending appends are flushed by the deactivation itself.
/// </summary>
internal sealed class DeactivationItem(DeactivationReason reason, bool onlyIfIdle, long requestedAt) : WorkItem
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _completion.Task;

    public override Task Start(Activation activation)
    {
        if (activation.State != ActivationState.Active)
        {
            return Task.CompletedTask;
        }

        if (onlyIfIdle && activation.HasBeenBusySince(requestedAt))
        {
            activation.CancelCollection();
            return Task.CompletedTask;
        }

        if (reason == DeactivationReason.Requested && activation.HasQueuedWork)
        {
            // Not idle yet: ask again behind what is queued now.
            activation.Enqueue(new DeactivationItem(reason, onlyIfIdle: false, requestedAt: 0));
            return Task.CompletedTask;
        }

        return activation.DeactivateAsync(reason);
    }

    public override void Finish(Activation activation, Task turn) => _completion.TrySetResult();

    public override void Fail(Exception exception) => _completion.TrySetResult();

    public override void Divert(GrainRuntime runtime) => _completion.TrySetResult();
}
