namespace OrderActors.Bench.Load.Scenarios;

/// <summary>
/// <c>GET /health/live</c> and nothing else: what HTTP alone costs on this machine with the generator beside the server,
/// the ceiling of any scenario over HTTP here, whatever the server does behind it. <c>http-floor</c> sends no API key;
/// <c>http-floor-auth</c> sends the admin key, which the silo verifies on every request (a storage read and a hash).
/// </summary>
public sealed class HttpFloorScenario(LoadOptions options) : LoadScenario(options), IDisposable
{
    private readonly bool _withKey = options.Scenario == "http-floor-auth";
    private LoadClient? _anonymous;
    private int _other;

    public override bool SupportsBaseline => true;

    /// <summary>The warm-up sends the same stateless GETs; only their answers go uncounted.</summary>
    public override bool SupportsWarmup => true;

    public override Task SetupAsync(LoadClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        _anonymous ??= _withKey ? null : new LoadClient(client.BaseAddress, Options.Concurrency + 16, apiKey: null);
        return Task.CompletedTask;
    }

    public override Task SetupWarmupAsync(LoadClient client, int count, CancellationToken cancellationToken) => SetupAsync(client, cancellationToken);

    public override Task<int> WarmupOperationAsync(LoadClient client, int index) => (_anonymous ?? client).GetStatusAsync("/health/live");

    public override async Task<int> OperationAsync(LoadClient client, int index)
    {
        var status = await (_anonymous ?? client).GetStatusAsync("/health/live");
        if (status != 200)
        {
            Interlocked.Increment(ref _other);
        }

        return status;
    }

    public override Task<IReadOnlyList<CheckResult>> CheckAsync(LoadClient client, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CheckResult>>([new CheckResult("every request answered 200", _other == 0, $"{_other} other answers")]);

    public void Dispose() => _anonymous?.Dispose();
}
