namespace OrderActors.Runtime.Core;

/// <summary>One tick of a grain timer, run as a turn of its activation.</summary>
internal sealed class TimerTickItem(GrainTimer timer) : WorkItem
{
    public override Task Start(Activation activation) =>
        timer.IsDisposed || activation.State != ActivationState.Active ? Task.CompletedTask : timer.InvokeCallback();

    public override void Finish(Activation activation, Task turn)
    {
        timer.TickDone();
        if (!turn.IsCompletedSuccessfully)
        {
            activation.Runtime.Log.TimerFailed(activation.GrainId, turn.Exception?.InnerException);
        }
    }

    public override void Fail(Exception exception) => timer.TickDone();

    public override void Divert(GrainRuntime runtime) => timer.TickDone();
}
