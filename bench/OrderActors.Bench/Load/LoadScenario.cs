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

    public abstract Task SetupAsync(LoadClient client, CancellationToken cancellationToken);

    /// <summary>Sends operation <paramref name="index"/>; returns the HTTP status of its main request (-1: server unreachable).</summary>
    public abstract Task<int> OperationAsync(LoadClient client, int index);

    /// <summary>After the load (e.g. wait for holds to drain and measure their lateness).</summary>
    public virtual Task AfterLoadAsync(LoadClient client, DriverResult result, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<IReadOnlyList<CheckResult>> CheckAsync(LoadClient client, CancellationToken cancellationToken);

    protected void Increment(string name) => Counts.AddOrUpdate(name, 1, static (_, n) => n + 1);
}
