using System.Diagnostics;
using OrderActors.Bench.Load.Scenarios;

namespace OrderActors.Bench.Load;

/// <summary>
/// Runs one scenario against one target: starts the server as a child process over a fresh database, warms it up on keys
/// of the warm-up's own (when asked), prepares it, sends the load (with a SIGKILL and restart half-way in crash mode), lets
/// the scenario finish (holds drain), checks the invariants over HTTP, and reports figures, peak RSS and CPU time of the
/// server. Every figure but the warm-up's own line counts from the end of the warm-up.
/// </summary>
public static class LoadRunner
{
    /// <summary>How long the server's tier-1 JIT thread must have used no CPU before the measured run starts after a warm-up.</summary>
    public static readonly TimeSpan JitQuietFor = TimeSpan.FromSeconds(1);

    /// <summary>Above this share of the server's CPU in its tier-1 JIT thread during a run after a warm-up, the report says the warm-up was short.</summary>
    public const double MaxJitShareAfterWarmup = 3;

    public static LoadScenario Create(LoadOptions options) => options.Scenario switch
    {
        "intake" => new IntakeScenario(options),
        "flash-sale" => new FlashSaleScenario(options),
        "holds" => new HoldsScenario(options),
        "webhook-storm" => new WebhookStormScenario(options),
        "http-floor" or "http-floor-auth" => new HttpFloorScenario(options),
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

        if (options.Warmup > 0 && !scenario.SupportsWarmup)
        {
            throw new ArgumentException($"The {options.Scenario} scenario has no warm-up; run it with --warmup 0.", nameof(options));
        }

        var runDirectory = Path.Combine(Path.GetTempPath(), "orderactors-load", $"{options.Scenario}-{options.Target}-{Guid.NewGuid():N}");
        try
        {
            return await RunInAsync(options, scenario, runDirectory, cancellationToken);
        }
        finally
        {
            (scenario as IDisposable)?.Dispose();
            if (!options.KeepData)
            {
                try
                {
                    Directory.Delete(runDirectory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static async Task<ScenarioReport> RunInAsync(LoadOptions options, LoadScenario scenario, string runDirectory, CancellationToken cancellationToken)
    {
        await using var server = await ServerLauncher.StartAsync(options, runDirectory, cancellationToken);
        using var client = new LoadClient(server.BaseAddress, options.Concurrency + 16);
        var warmup = await WarmUpAsync(options, scenario, client, server, cancellationToken);
        var countersAfterWarmup = warmup is not null && options.Target == "actors" ? await ReadClusterCountersAsync(client) : null;
        await scenario.SetupAsync(client, cancellationToken);
        if (warmup is not null && !server.ResetPeakRss())
        {
            scenario.Notes.Enqueue("the peak RSS could not be reset after the warm-up (/proc/<pid>/clear_refs refused): it includes the warm-up");
        }

        var cpuBefore = server.CpuSeconds;
        var jitBefore = server.TieredCompilationCpuSeconds;
        using var self = Process.GetCurrentProcess();
        var generatorCpuBefore = self.TotalProcessorTime;
        int? crashAfter = options.Crash ? Math.Max(1, options.Requests / 2) : null;
        // bench/profile/start-silo-load.sh waits for this line, so a profile records the measured run, not the warm-up.
        Console.Error.WriteLine(FormattableString.Invariant($"[{TimeProvider.System.GetLocalNow():HH:mm:ss}] measured run started"));
        var result = await LoadDriver.RunAsync(options.Requests, options.Concurrency, options.Rate, options.MaxDuration, i => scenario.OperationAsync(client, i), server, crashAfter, cancellationToken: cancellationToken);
        var cpuDuringLoad = server.CpuSeconds - cpuBefore;
        var jitDuringLoad = server.TieredCompilationCpuSeconds - jitBefore;
        self.Refresh();
        var generatorCpu = (self.TotalProcessorTime - generatorCpuBefore).TotalSeconds;
        if (result.Sent < options.Requests)
        {
            scenario.Notes.Enqueue($"stopped by --max-seconds after {result.Sent:N0} of {options.Requests:N0} requests");
        }

        if (options.Target == "actors")
        {
            await CaptureClusterAsync(client, scenario, result, countersAfterWarmup, server.Restarts > 0);
        }

        await scenario.AfterLoadAsync(client, result, cancellationToken);
        var peakRss = server.PeakRssBytes;
        var checks = await scenario.CheckAsync(client, cancellationToken);
        scenario.Figures["server CPU ms per request (during the load)"] = result.Sent == 0 ? 0 : cpuDuringLoad * 1000 / result.Sent;
        scenario.Figures["server CPU utilisation during the load (cores)"] = cpuDuringLoad / result.Elapsed.TotalSeconds;
        var jitShare = cpuDuringLoad > 0 ? jitDuringLoad * 100 / cpuDuringLoad : 0;
        scenario.Figures["server CPU % in its tier-1 JIT thread during the load"] = jitShare;
        if (warmup is not null && jitShare > MaxJitShareAfterWarmup)
        {
            scenario.Notes.Enqueue(FormattableString.Invariant(
                $"the server's tier-1 JIT thread still took {jitShare:0.0}% of its CPU during the measured run: a longer --warmup would take more of the start-up out of the figures"));
        }

        scenario.Figures["load generator CPU utilisation during the load (cores)"] = generatorCpu / result.Elapsed.TotalSeconds;
        return new ScenarioReport
        {
            Scenario = options.Scenario,
            Target = options.Target,
            Provider = options.Provider,
            Concurrency = options.Concurrency,
            Crash = options.Crash,
            Warmup = warmup,
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

    /// <summary>
    /// Sends the warm-up (closed loop, the measured run's concurrency, bounded by <see cref="LoadOptions.WarmupMaxDuration"/>),
    /// never crashed, then leaves the server idle until its tier-1 JIT is quiet (see <see cref="SettleAsync"/>); null when
    /// there is no warm-up.
    /// </summary>
    private static async Task<WarmupReport?> WarmUpAsync(LoadOptions options, LoadScenario scenario, LoadClient client, ServerProcess server, CancellationToken cancellationToken)
    {
        if (options.Warmup <= 0)
        {
            return null;
        }

        await scenario.SetupWarmupAsync(client, options.Warmup, cancellationToken);
        Console.Error.WriteLine(FormattableString.Invariant(
            $"[{TimeProvider.System.GetLocalNow():HH:mm:ss}] warm-up on {options.Target}: {options.Warmup:N0} operations on keys of their own, at most {options.WarmupMaxDuration.TotalSeconds:N0} s (not measured)"));
        var jitBefore = server.TieredCompilationCpuSeconds;
        var result = await LoadDriver.RunAsync(options.Warmup, options.Concurrency, null, options.WarmupMaxDuration, i => scenario.WarmupOperationAsync(client, i), server, label: "warm-up", cancellationToken: cancellationToken);
        var (settle, quiet) = await SettleAsync(server, options.WarmupSettleLimit, cancellationToken);
        return new WarmupReport(options.Warmup, result.Sent, result.Elapsed.TotalSeconds, result.ByStatus, result.Errors)
        {
            SettleSeconds = settle.TotalSeconds,
            JitQuiet = quiet,
            JitCpuSeconds = server.TieredCompilationCpuSeconds - jitBefore,
        };
    }

    /// <summary>
    /// Waits, the server idle, until its tier-1 JIT thread has used no CPU for <see cref="JitQuietFor"/>, at most
    /// <paramref name="limit"/>. Under load that thread gets a small share of the cores, so it finishes the methods the
    /// warm-up made hot well after the warm-up's last request (12–18 s after start on this 2-core machine under intake
    /// and flash-sale load); idle, it gets a core and finishes them (2–9 s measured) before the measured run, not in it.
    /// </summary>
    private static async Task<(TimeSpan Waited, bool Quiet)> SettleAsync(ServerProcess server, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var quietSince = started;
        var last = server.TieredCompilationCpuSeconds;
        while (Stopwatch.GetElapsedTime(quietSince) < JitQuietFor)
        {
            if (Stopwatch.GetElapsedTime(started) >= limit)
            {
                return (Stopwatch.GetElapsedTime(started), false);
            }

            await Task.Delay(250, cancellationToken);
            var now = server.TieredCompilationCpuSeconds;
            if (now > last)
            {
                quietSince = Stopwatch.GetTimestamp();
                last = now;
            }
        }

        return (Stopwatch.GetElapsedTime(started), true);
    }

    /// <summary>The silo's counters (durable writes, commits, grain calls) at the end of the warm-up, so the figures count the measured run only.</summary>
    private static async Task<ClusterCounters?> ReadClusterCountersAsync(LoadClient client)
    {
        var (status, body) = await client.GetJsonAsync("/api/admin/cluster");
        if (status != 200)
        {
            return null;
        }

        return ClusterCounters.From(body);
    }

    /// <summary>
    /// The silo's own view (storage writes and batch sizes, grain calls, reminder lag) from <c>GET /api/admin/cluster</c>:
    /// since the silo started, or, after a warm-up, since its end (<paramref name="afterWarmup"/>). After a restart
    /// (<paramref name="restarted"/>) the silo's counters start again from zero, so the per-request figures, which would
    /// set the second half's counts against every request, are left out.
    /// </summary>
    private static async Task CaptureClusterAsync(LoadClient client, LoadScenario scenario, DriverResult result, ClusterCounters? afterWarmup, bool restarted)
    {
        var (status, body) = await client.GetJsonAsync("/api/admin/cluster");
        if (status != 200)
        {
            scenario.Notes.Enqueue($"GET /api/admin/cluster answered {status}: no storage statistics from the silo");
            return;
        }

        var requests = Math.Max(1, result.Sent);
        var perRequest = !restarted;
        if (restarted)
        {
            scenario.Notes.Enqueue("the silo's counters restarted from zero with it: no per-request silo figures (writes, commits, grain calls)");
            afterWarmup = null;
        }

        var since = afterWarmup is null ? "since start" : "after the warm-up";
        var before = afterWarmup ?? ClusterCounters.Zero;
        var now = ClusterCounters.From(body);
        if (body.TryGetProperty("storage", out var storage))
        {
            var writes = now.Writes - before.Writes;
            var commits = now.Commits - before.Commits;
            if (perRequest)
            {
                scenario.Figures[$"silo: durable writes per request ({since})"] = (double)writes / requests;
                scenario.Figures[$"silo: commits per request ({since})"] = (double)commits / requests;
            }

            scenario.Figures["silo: writes per commit (group commit batch)"] = afterWarmup is null
                ? storage.GetProperty("averageBatchSize").GetDouble()
                : commits > 0 ? (double)writes / commits : 0;
            scenario.Figures["silo: commit latency p50 ms (recent)"] = storage.GetProperty("commitLatencyP50Ms").GetDouble();
            scenario.Figures["silo: commit latency p99 ms (recent)"] = storage.GetProperty("commitLatencyP99Ms").GetDouble();
        }

        if (perRequest && body.TryGetProperty("callsTotal", out _))
        {
            scenario.Figures[$"silo: grain calls per request ({since})"] = (double)(now.Calls - before.Calls) / requests;
        }

        if (body.TryGetProperty("activations", out var activations))
        {
            scenario.Counts[afterWarmup is null ? "silo: activations after the load" : "silo: activations after the load (the warm-up's included)"] = activations.GetInt64();
        }
    }
}
