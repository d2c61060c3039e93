using OrderActors.Runtime.Hosting;

namespace OrderActors.Tests.Api;

/// <summary>A recovery that never finishes (until the silo stops): registered after the domain's, it keeps a stop pending.</summary>
internal sealed class BlockingRecovery : IUncleanStopRecovery
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "blocking";

    public async Task<RecoveryReport> RecoverAsync(UncleanStop stop, CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("Unreachable: the delay ends only by cancellation.");
    }
}
