using OrderActors.Bench.Load.Scenarios;

namespace OrderActors.Bench.Load;

/// <summary>
/// Runs one scenario against one target: starts the server as a child process over a fresh database, prepares it,
/// sends the load (with a SIGKILL and restart half-way in crash mode), lets the scenario finish (holds drain), checks the
/// invariants over HTTP, and reports figures, peak RSS and CPU time of the server.
/// </summary>
public static class LoadRunner
{
    public static LoadScenario Create(LoadOptions options) => options.Scenario switch
    {
        "intake" => new IntakeScenario(options),
        "flash-sale" => new FlashSaleScenario(options),
        "holds" => new HoldsScenario(options),
        "webhook-storm" => new WebhookStormScenario(options),
        _ => throw new ArgumentException($"Unknown scenario '{options.Scenario}'.", nameof(options)),
    };

    public static async Task<ScenarioReport> RunAsync(LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenario = Create(options);
        if (options.Target == "baseline" && !scenario.SupportsBaseline)
        {
            throw new ArgumentException($"The baseline implements intake and flash-sale only, not {options.Scenario}.", nameof(options));
        }

        var runDirectory = Path.Combine(Path.GetTempPath(), "orderactors-load", $"{options.Scenario}-{options.Target}-{Guid.NewGuid():N}");
        await using var server = await ServerLauncher.StartAsync(options, runDirectory, cancellationToken);
        using var client = new LoadClient(server.BaseAddress, options.Concurrency + 16);
        await scenario.SetupAsync(client, cancellationToken);
        var cpuBefore = server.CpuSeconds;
        int? crashAfter = options.Crash ? Math.Max(1, options.Requests / 2) : null;
        var result = await LoadDriver.RunAsync(options.Requests, options.Concurrency, options.MaxDuration, i => scenario.OperationAsync(client, i), server, crashAfter, cancellationToken);
        var cpuDuringLoad = server.CpuSeconds - cpuBefore;
        if (result.Sent < options.Requests)
        {
            scenario.Notes.Enqueue($"stopped by --max-seconds after {result.Sent:N0} of {options.Requests:N0} requests");
        }

        await scenario.AfterLoadAsync(client, result, cancellationToken);
        var peakRss = server.PeakRssBytes;
        var checks = await scenario.CheckAsync(client, cancellationToken);
        scenario.Figures["server CPU ms per request (during the load)"] = result.Sent == 0 ? 0 : cpuDuringLoad * 1000 / result.Sent;
        scenario.Figures["server CPU utilisation during the load (cores)"] = cpuDuringLoad / result.Elapsed.TotalSeconds;
        return new ScenarioReport
        {
            Scenario = options.Scenario,
            Target = options.Target,
            Provider = options.Provider,
            Concurrency = options.Concurrency,
            Crash = options.Crash,
            Sent = result.Sent,
            ByStatus = result.ByStatus,
            Errors = result.Errors,
            ElapsedSeconds = result.Elapsed.TotalSeconds,
            PerSecond = result.Latency.PerSecond,
            P50Ms = result.Latency.P50Ms,
            P90Ms = result.Latency.P90Ms,
            P99Ms = result.Latency.P99Ms,
            MaxMs = result.Latency.MaxMs,
            PeakRssBytes = peakRss,
            ServerCpuSeconds = server.CpuSeconds,
            Restarts = server.Restarts,
            Figures = new Dictionary<string, double>(scenario.Figures),
            Counts = new Dictionary<string, long>(scenario.Counts),
            Checks = checks,
            Notes = [.. scenario.Notes],
        };
    }
}
