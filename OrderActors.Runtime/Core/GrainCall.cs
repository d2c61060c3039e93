namespace OrderActors.Runtime.Core;

/// <summary>A grain call in a mailbox: the method, its arguments, and the completion the caller awaits.</summary>
internal sealed class GrainCall<TResult>(MethodDispatcher<TResult> method, object?[] arguments) : WorkItem
{
    private readonly TaskCompletionSource<TResult> _completion = new();

    public Task<TResult> Task => _completion.Task;

    public override bool IsCall => true;

    public override bool IsAnswered => _completion.Task.IsCompleted;

    public override Task Start(Activation activation)
    {
        if (_completion.Task.IsCompleted || !TryBegin())
        {
            // Timed out or refused while queued: the caller has been (or is being) answered, so the call is not run.
            return System.Threading.Tasks.Task.CompletedTask;
        }

        try
        {
            return method.Invoke(activation.GrainInstance, arguments);
        }
        catch (Exception ex)
        {
            return System.Threading.Tasks.Task.FromException(ex);
        }
    }

    public override void Finish(Activation activation, Task turn)
    {
        if (_completion.Task.IsCompleted || Refused)
        {
            return;
        }

        if (turn.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(MethodDispatcher<TResult>.GetResult(turn));
        }
        else if (turn.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetException(turn.Exception!.InnerExceptions);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Divert(GrainRuntime runtime) => runtime.Forward(this);

    public override bool TryTimeOut(TimeSpan timeout) =>
        _completion.TrySetException(new GrainCallTimeoutException(Target, method.Name, timeout));
}
