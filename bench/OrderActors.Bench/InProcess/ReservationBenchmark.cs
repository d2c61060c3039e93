using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Bench.Baseline;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Bench.InProcess;

/// <summary>
/// The flash sale's core without HTTP and without the order around it: many concurrent buyers reserving one unit each
/// of one SKU, straight on the SKU grain (durable: the answer comes after the commit), against the plain SQL way on the
/// same engine in the same process (one transaction per reservation: the conditional stock-row update and a reservation
/// row, behind the row lock). Shows what one SKU actor can do, apart from what HTTP and order placement cost.
/// </summary>
public static class ReservationBenchmark
{
    private const string Sku = "FLASH-RES";

    public static async Task<int> RunAsync(BenchArgs args, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = output ?? Console.Out;
        var providers = (args.Get("providers") ?? "sqlite").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var requests = args.GetInt("requests", 100_000);
        var units = args.GetInt("units", requests);
        var concurrency = args.GetInt("concurrency", 256);
        var warmup = args.GetInt("warmup", 20_000);
        var settings = InProcessSilo.Settings(args.GetAll("set"));
        console.WriteLine($"grain-reservations: {requests:N0} one-unit reservations of one SKU with {units:N0} units, {concurrency} concurrent buyers, no HTTP; {warmup:N0} reservations of another SKU first (JIT warm-up, not measured)");
        console.WriteLine($"{"storage",-9} {"target",-9} {"reserved/s",11} {"attempts/s",11} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"accepted",9} {"CPU µs/attempt",15} {"vs baseline",12}");
        var failed = false;
        foreach (var provider in providers)
        {
            var postgres = provider == "postgres" ? await ThrowawayPostgres.StartAsync(args.Get("postgres") ?? Environment.GetEnvironmentVariable("ORDERACTORS_TEST_POSTGRES")) : null;
            try
            {
                ReservationRun? baseline = null;
                if (provider != "memory")
                {
                    var baselineDb = await ConnectionAsync(provider, postgres);
                    baseline = await RunBaselineAsync(provider, baselineDb, requests, units, concurrency, warmup);
                    InProcessSilo.DeleteSqliteFiles(baselineDb);
                    Print(console, provider, "baseline", baseline, null);
                }

                var actorsDb = provider == "memory" ? null : await ConnectionAsync(provider, postgres);
                var actors = await RunActorsAsync(provider, actorsDb, requests, units, concurrency, warmup, settings);
                InProcessSilo.DeleteSqliteFiles(actorsDb);
                Print(console, provider, "actors", actors, baseline);
                failed |= actors.Accepted != Math.Min(units, requests) || (baseline is not null && baseline.Accepted != Math.Min(units, requests));
            }
            finally
            {
                if (postgres is not null)
                {
                    await postgres.DisposeAsync();
                }
            }
        }

        console.WriteLine(failed
            ? "check: FAILED, a run did not sell exactly min(units, requests) units"
            : "check: every run sold exactly min(units, requests) units, none oversold");
        return failed ? 1 : 0;
    }

    private static async Task<string> ConnectionAsync(string provider, ThrowawayPostgres? postgres) => provider switch
    {
        "sqlite" => InProcessSilo.SqliteConnection("res-bench"),
        "postgres" => await postgres!.CreateDatabaseAsync(),
        _ => throw new ArgumentException($"Unknown provider '{provider}'.", nameof(provider)),
    };

    private static async Task<ReservationRun> RunActorsAsync(string provider, string? connection, int requests, int units, int concurrency, int warmup, IReadOnlyDictionary<string, string?> settings)
    {
        using var host = InProcessSilo.Build(provider, connection, settings);
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        var warm = grains.GetGrain<ISkuStockGrain>("WARMUP-RES");
        await warm.ReceiveAsync(new StockReceipt("SZ", Math.Max(1, warmup), "bench"));
        var warmExpires = time.GetUtcNow().AddMinutes(30);
        await DriveAsync(warmup, concurrency, async i => (await warm.ReserveAsync(new ReserveStock($"w-{i}", 1, warmExpires, false, "bench"))).Accepted);
        var sku = grains.GetGrain<ISkuStockGrain>(Sku);
        await sku.ReceiveAsync(new StockReceipt("SZ", units, "bench"));
        var expires = time.GetUtcNow().AddMinutes(30);
        var storage = host.Services.GetRequiredService<IStorageDiagnostics>();
        var before = storage.GetStatistics();

        var run = await DriveAsync(requests, concurrency, async i =>
            (await sku.ReserveAsync(new ReserveStock($"r-{i}", 1, expires, false, "bench"))).Accepted);
        var after = storage.GetStatistics();
        var commits = after.Commits - before.Commits;
        if (commits > 0)
        {
            // Where a round goes: how many reservations share a commit, and how long the writer takes for one
            // (latency over the writer's last 1,024 commits).
            run = run with { Commits = $"{commits:N0} commits, {(double)run.Accepted / commits:0.0} reservations each, commit p50 {after.CommitLatencyP50Ms:0.00} ms p99 {after.CommitLatencyP99Ms:0.00} ms" };
        }

        var view = await sku.GetAsync();
        await host.StopAsync();
        if (view.Reserved != run.Accepted || view.Reserved > units)
        {
            throw new InvalidOperationException($"SKU reports {view.Reserved} reserved for {run.Accepted} acknowledged reservations of {units} units.");
        }

        return run;
    }

    private static async Task<ReservationRun> RunBaselineAsync(string provider, string connection, int requests, int units, int concurrency, int warmup)
    {
        await using var store = new BaselineStore(provider, connection);
        await store.InitializeAsync();
        await store.ReceiveAsync("WARMUP-RES", Math.Max(1, warmup));
        await DriveAsync(warmup, concurrency, i => store.ReserveAsync($"w-{i}", "WARMUP-RES", 1, "2099-01-01T00:00:00Z"));
        await store.ReceiveAsync(Sku, units);
        var expires = DateTimeOffset.UnixEpoch.AddYears(130).ToString("O", CultureInfo.InvariantCulture);

        var run = await DriveAsync(requests, concurrency, i => store.ReserveAsync($"r-{i}", Sku, 1, expires));

        var stock = await store.GetStockAsync(Sku) ?? throw new InvalidOperationException("The baseline lost its stock row.");
        if (stock.Reserved != run.Accepted || stock.Reserved > units)
        {
            throw new InvalidOperationException($"Baseline reports {stock.Reserved} reserved for {run.Accepted} acknowledged reservations of {units} units.");
        }

        return run;
    }

    private static async Task<ReservationRun> DriveAsync(int requests, int concurrency, Func<int, Task<bool>> reserve)
    {
        var recorder = new LatencyRecorder(concurrency);
        var next = -1;
        var accepted = 0;
        long lastAccepted = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var started = Stopwatch.GetTimestamp();

        async Task WorkerAsync(int worker)
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                if (await reserve(i))
                {
                    Interlocked.Increment(ref accepted);
                    var now = Stopwatch.GetTimestamp();
                    long seen;
                    while ((seen = Interlocked.Read(ref lastAccepted)) < now && Interlocked.CompareExchange(ref lastAccepted, now, seen) != seen)
                    {
                    }
                }

                recorder.Record(worker, start);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var allocatedPerAttempt = (GC.GetTotalAllocatedBytes(precise: false) - allocated) / (double)requests;
        var toLast = lastAccepted == 0 ? elapsed : Stopwatch.GetElapsedTime(started, lastAccepted);
        return new ReservationRun(recorder.Summarize(elapsed), accepted, accepted / toLast.TotalSeconds, cpuMs * 1000 / requests, allocatedPerAttempt);
    }

    private static void Print(TextWriter console, string provider, string target, ReservationRun run, ReservationRun? baseline)
    {
        var s = run.Latency;
        var ratio = baseline is null ? "" : $"x{run.ReservedPerSecond / baseline.ReservedPerSecond:0.0}";
        console.WriteLine($"{provider,-9} {target,-9} {run.ReservedPerSecond,11:N0} {s.PerSecond,11:N0} {s.P50Ms,8:0.0} {s.P90Ms,8:0.0} {s.P99Ms,8:0.0} {run.Accepted,9:N0} {run.CpuMicrosPerAttempt,15:0.0} {ratio,12}");
        // Allocation per attempt moves with the work done per attempt but not with the host's noise: the figure to compare
        // between two builds on a busy machine.
        console.WriteLine($"{"",-9} {"",-9} {run.AllocatedBytesPerAttempt / 1024:0.00} KB allocated per attempt{(run.Commits is { } commits ? $"; {commits}" : "")}");
    }

    private sealed record ReservationRun(LatencySummary Latency, int Accepted, double ReservedPerSecond, double CpuMicrosPerAttempt, double AllocatedBytesPerAttempt)
    {
        public string? Commits { get; init; }
    }
}
