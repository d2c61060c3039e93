namespace OrderActors.Runtime.Core;

/// <summary>
/// A deactivation as a turn, so it never overlaps a call. An idle collection is skipped if the activation did work
/// after it was requested; the calls that arrive meanwhile then simply run.
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

        return activation.DeactivateAsync(reason);
    }

    public override void Finish(Activation activation, Task turn) => _completion.TrySetResult();

    public override void Fail(Exception exception) => _completion.TrySetResult();

    public override void Divert(GrainRuntime runtime) => _completion.TrySetResult();
}
