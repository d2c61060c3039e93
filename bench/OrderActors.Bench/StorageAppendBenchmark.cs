using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Bench;

/// <summary>
/// Durable appends/s and latency, group commit against one transaction per append, on SQLite and PostgreSQL,
/// in the same process: every figure has its baseline beside it.
/// </summary>
public static class StorageAppendBenchmark
{
    private const string Payload = "{\"orderId\":\"own-000000\",\"sku\":\"SKU-0001\",\"quantity\":2,\"unitPrice\":129.90,\"warehouse\":\"SZ\",\"note\":\"benchmark event of roughly two hundred bytes, like a real order event\"}";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var seconds = args.GetDouble("seconds", 5);
        var writerCounts = (args.Get("writers") ?? "1,64").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var providers = (args.Get("providers") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries);
        Console.WriteLine($"storage append benchmark: concurrent writers (one grain each, each awaiting its append), {seconds:0.#} s per run, 1 event of {Payload.Length} bytes per append");
        Console.WriteLine("1 writer = the ceiling of one grain that awaits each append (e.g. one SKU in a flash sale)");
        Console.WriteLine($"{"provider",-10} {"writers",7} {"mode",-14} {"appends/s",12} {"p50 ms",9} {"p90 ms",9} {"p99 ms",9} {"max ms",9} {"commits",9} {"batch",7}");

        await using var pg = providers.Contains("postgres") ? await ThrowawayPostgres.StartAsync(args.Get("postgres")) : null;
        foreach (var (provider, writers) in providers.SelectMany(p => writerCounts.Select(w => (p, w))))
        {
            LatencySummary? baseline = null;
            foreach (var groupCommit in new[] { false, true })
            {
                var options = new StorageOptions
                {
                    Provider = provider,
                    GroupCommit = groupCommit,
                    ConnectionString = provider == "postgres"
                        ? await pg!.CreateDatabaseAsync()
                        : InProcess.InProcessSilo.SqliteConnection("bench"),
                };
                var (summary, stats) = await MeasureAsync(options, writers, TimeSpan.FromSeconds(seconds));
                InProcess.InProcessSilo.DeleteSqliteFiles(options.ConnectionString);
                var mode = groupCommit ? "group commit" : "tx per append";
                var ratio = baseline is null ? string.Empty : $"  x{summary.PerSecond / baseline.PerSecond:0.0} vs tx per append";
                Console.WriteLine($"{provider,-10} {writers,7} {mode,-14} {summary.PerSecond,12:N0} {summary.P50Ms,9:0.00} {summary.P90Ms,9:0.00} {summary.P99Ms,9:0.00} {summary.MaxMs,9:0.0} {stats.Commits,9:N0} {stats.AverageBatchSize,7:0.0}{ratio}");
                baseline ??= summary;
            }
        }

        return 0;
    }

    private static async Task<(LatencySummary, StorageStatistics)> MeasureAsync(StorageOptions options, int writers, TimeSpan duration)
    {
        await using var storage = StorageProviderFactory.Create(options, TimeProvider.System, NullLoggerFactory.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        var recorder = new LatencyRecorder(writers);
        var warmupEnd = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 0.5);
        var measureEnd = warmupEnd + (long)(Stopwatch.Frequency * duration.TotalSeconds);

        async Task WriterAsync(int w)
        {
            var grain = new GrainId("bench", $"g{w}");
            var version = 0L;
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= measureEnd)
                {
                    return;
                }

                var events = new[] { new EventRecord("bench.appended", Payload, "bench", DateTimeOffset.UnixEpoch.AddTicks(start)) };
                var result = await storage.AppendAsync(new AppendRequest(grain, version, events), CancellationToken.None);
                version = result.Version;
                if (start >= warmupEnd)
                {
                    recorder.Record(w, start);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriterAsync(w))));
        var stats = storage.GetStatistics();
        return (recorder.Summarize(duration), stats);
    }
}
