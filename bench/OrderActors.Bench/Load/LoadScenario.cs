using System.Collections.Concurrent;

namespace OrderActors.Bench.Load;

/// <summary>One load scenario: prepares the server, sends operation <c>i</c>, and checks the invariants afterwards.</summary>
public abstract class LoadScenario(LoadOptions options)
{
    public LoadOptions Options { get; } = options;

    public ConcurrentDictionary<string, double> Figures { get; } = new();

    public ConcurrentDictionary<string, long> Counts { get; } = new();

    public ConcurrentQueue<string> Notes { get; } = new();

    /// <summary>The targets this scenario runs against (the baseline implements only intake and flash sale).</summary>
    public virtual bool SupportsBaseline => false;

    /// <summary>Whether the scenario has a warm-up (<see cref="LoadOptions.Warmup"/>) that leaves its measured run and checks untouched.</summary>
    public virtual bool SupportsWarmup => false;

    /// <summary>Prepares the measured run (stock of its SKUs, …); runs right before it, after any warm-up.</summary>
    public abstract Task SetupAsync(LoadClient client, CancellationToken cancellationToken);

    /// <summary>Prepares <paramref name="count"/> warm-up operations on keys of their own; runs first, before <see cref="SetupAsync"/>.</summary>
    public virtual Task SetupWarmupAsync(LoadClient client, int count, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Sends warm-up operation <paramref name="index"/>: the same requests as <see cref="OperationAsync"/> on keys of its own,
    /// recorded in none of the scenario's figures, counts or checks. Returns the HTTP status of its main request.
    /// </summary>
    public virtual Task<int> WarmupOperationAsync(LoadClient client, int index) =>
        throw new NotSupportedException($"The {Options.Scenario} scenario has no warm-up.");

    /// <summary>Sends operation <paramref name="index"/>; returns the HTTP status of its main request (-1: server unreachable).</summary>
    public abstract Task<int> OperationAsync(LoadClient client, int index);

    /// <summary>After the load (e.g. wait for holds to drain and measure their lateness).</summary>
    public virtual Task AfterLoadAsync(LoadClient client, DriverResult result, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<IReadOnlyList<CheckResult>> CheckAsync(LoadClient client, CancellationToken cancellationToken);

    protected void Increment(string name) => Counts.AddOrUpdate(name, 1, static (_, n) => n + 1);
}
