using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Bench.Load;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Orders;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Bench.InProcess;

/// <summary>
/// How long a lost SQLite query index takes to write again from the journals (<c>OrderActors:Storage:RebuildIndex</c>).
/// An in-process silo on a fresh SQLite file takes N intake orders straight on the grains (placed and paid, as
/// grain-intake does: each with a customer of its own) and stops; the index file is deleted; the silo starts again with
/// the rebuild on, and the start is timed until the runtime is ready, then until a query finds the index written (its
/// own writer commits behind the rebuild's appends). The rebuilt index must list every order as Paid and every customer.
/// Baseline: the load itself, same orders, same process.
/// </summary>
public static class IndexRebuildBenchmark
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
    private const int PageSize = 5_000;

    public static async Task<int> RunAsync(BenchArgs args, TextWriter? output = null, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = output ?? Console.Out;
        var status = progress ?? Console.Error;
        var orders = args.GetInt("orders", 100_000);
        var concurrency = args.GetInt("concurrency", 64);
        var skus = args.GetInt("skus", 1000);
        var settings = InProcessSilo.Settings(args.GetAll("set"));
        console.WriteLine($"index-rebuild: {orders:N0} orders placed and paid straight on the grains (concurrency {concurrency}, {skus:N0} SKUs) over SQLite, the index file deleted, then one start with RebuildIndex=true");
        var connection = InProcessSilo.SqliteConnection("index-rebuild");
        try
        {
            var load = await LoadAsync(connection, settings, orders, concurrency, skus, status);
            InProcessSilo.DeleteSqliteIndexFiles(connection);
            var rebuild = await RebuildAsync(connection, settings, status);
            var passed = load.Failures.Count == 0 && rebuild.PaidInIndex == orders && rebuild.OrdersInIndex == rebuild.OrderJournals
                && rebuild.OrderJournals == orders && rebuild.CustomersInIndex == rebuild.CustomerJournals;
            Print(console, orders, load, rebuild, passed);
            return passed ? 0 : 1;
        }
        finally
        {
            InProcessSilo.DeleteSqliteFiles(connection);
        }
    }

    private static async Task<LoadRun> LoadAsync(string connection, IReadOnlyDictionary<string, string?> settings, int orders, int concurrency, int skus, TextWriter status)
    {
        using var host = InProcessSilo.Build("sqlite", connection, settings);
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await GrainLoadBenchmark.ReceiveStockAsync(grains, Enumerable.Range(0, skus).Select(Payloads.Sku).ToList(), GrainLoadBenchmark.IntakeStock);
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var next = -1;
        var placed = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < orders)
            {
                try
                {
                    await GrainLoadBenchmark.PlaceIntakeOrderAsync(grains, i, skus);
                    Interlocked.Increment(ref placed);
                }
                catch (Exception ex)
                {
                    // Counted and shown; the check then fails, since the index cannot list an order that was not paid.
                    failures.AddOrUpdate(ex.GetType().Name, 1, static (_, n) => n + 1);
                }
            }
        }

        await WhileReportingAsync(status, () => $"index-rebuild: loading, {Volatile.Read(ref placed):N0} of {orders:N0} orders placed and paid",
            () => Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await host.StopAsync();
        return new LoadRun(placed, failures, elapsed, cpuSeconds, ProcessMemory.PeakRssBytes(Environment.ProcessId));
    }

    private static async Task<RebuildRun> RebuildAsync(string connection, IReadOnlyDictionary<string, string?> settings, TextWriter status)
    {
        // The load's activations are gone with its host: start the rebuild's peak from what the process holds without them.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var pid = Environment.ProcessId;
        var rssBefore = ProcessMemory.RssBytes(pid);
        var peakReset = ProcessMemory.ResetPeak(pid);
        using var host = InProcessSilo.Build("sqlite", connection, new Dictionary<string, string?>(settings) { ["OrderActors:Storage:RebuildIndex"] = "true" });
        var storage = host.Services.GetRequiredService<IStorageProvider>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var writerCpu = ThreadCpu.SecondsOfThreads(pid, GrainLoadBenchmark.WriterThread);
        var indexCpu = ThreadCpu.SecondsOfThreads(pid, GrainLoadBenchmark.IndexThread);
        var started = Stopwatch.GetTimestamp();
        TimeSpan ready = default;
        await WhileReportingAsync(status, () => $"index-rebuild: rebuilding, {storage.GetStatistics().Writes:N0} grains written", async () =>
        {
            // The silo's start runs the whole rebuild before the runtime takes calls.
            await host.StartAsync();
            ready = Stopwatch.GetElapsedTime(started);

            // A query first waits for the index file's writer to have every committed change: then the index is whole.
            await storage.QueryIndexAsync(PaidOrders(null, 1), CancellationToken.None);
        });
        var whole = Stopwatch.GetElapsedTime(started);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var writerSeconds = ThreadCpu.SecondsOfThreads(pid, GrainLoadBenchmark.WriterThread) - writerCpu;
        var indexSeconds = ThreadCpu.SecondsOfThreads(pid, GrainLoadBenchmark.IndexThread) - indexCpu;
        var peak = ProcessMemory.PeakRssBytes(pid);
        var statistics = storage.GetStatistics();

        var run = new RebuildRun
        {
            Ready = ready,
            Whole = whole,
            CpuSeconds = cpuSeconds,
            WriterCpuSeconds = writerSeconds,
            IndexCpuSeconds = indexSeconds,
            Commits = statistics.Commits,
            Writes = statistics.Writes,
            RssBefore = rssBefore,
            PeakRss = peak,
            PeakReset = peakReset,
            OrderJournals = await CountJournalsAsync(storage, OrderIndex.GrainType),
            CustomerJournals = await CountJournalsAsync(storage, CustomerGrain.GrainTypeName),
            PaidInIndex = await CountIndexedAsync(storage, after => PaidOrders(after, PageSize)),
            OrdersInIndex = await CountIndexedAsync(storage, after => new IndexQuery(OrderIndex.GrainType, []) { AfterKey = after, Limit = PageSize }),
            CustomersInIndex = await CountIndexedAsync(storage, after => new IndexQuery(CustomerGrain.GrainTypeName, []) { AfterKey = after, Limit = PageSize }),
        };
        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = InProcessSilo.SqlitePath(connection)!;
        return run with { IndexBytes = SizeWithLog(InProcessSilo.SqliteIndexPath(database)), DatabaseBytes = SizeWithLog(database) };
    }

    private static IndexQuery PaidOrders(string? after, int limit) =>
        new(OrderIndex.GrainType, [new IndexFilter(OrderIndex.Status, IndexOperator.Equal, nameof(OrderStatus.Paid))]) { AfterKey = after, Limit = limit };

    private static async Task<long> CountIndexedAsync(IGrainStorage storage, Func<string?, IndexQuery> page)
    {
        long count = 0;
        string? after = null;
        while (true)
        {
            var found = await storage.QueryIndexAsync(page(after), CancellationToken.None);
            count += found.Count;
            if (found.Count < PageSize)
            {
                return count;
            }

            after = found[^1].GrainKey;
        }
    }

    private static async Task<long> CountJournalsAsync(IGrainStorage storage, string grainType)
    {
        long count = 0;
        string? after = null;
        while (true)
        {
            var keys = await storage.ListGrainKeysAsync(grainType, after, PageSize, CancellationToken.None);
            count += keys.Count;
            if (keys.Count < PageSize)
            {
                return count;
            }

            after = keys[^1];
        }
    }

    /// <summary>Runs <paramref name="work"/>, writing <paramref name="line"/> to <paramref name="status"/> every few seconds until it ends.</summary>
    private static async Task WhileReportingAsync(TextWriter status, Func<string> line, Func<Task> work)
    {
        using var stop = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(ProgressInterval);
            var started = Stopwatch.GetTimestamp();
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    status.WriteLine($"{line()} ({Stopwatch.GetElapsedTime(started).TotalSeconds:0} s)");
                }
            }
            catch (OperationCanceledException)
            {
                // The work ended.
            }
        });
        try
        {
            await work();
        }
        finally
        {
            await stop.CancelAsync();
            await reporter;
        }
    }

    private static long SizeWithLog(string database) =>
        new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    private static void Print(TextWriter console, int orders, LoadRun load, RebuildRun rebuild, bool passed)
    {
        const double MiB = 1024 * 1024;
        var grains = rebuild.OrderJournals + rebuild.CustomerJournals;
        var loadPerSecond = load.Placed / load.Elapsed.TotalSeconds;
        var rebuildPerSecond = grains / rebuild.Whole.TotalSeconds;
        console.WriteLine($"load      {load.Placed:N0} orders placed and paid in {load.Elapsed.TotalSeconds:0.0} s: {loadPerSecond:N0} orders/s, CPU {load.CpuSeconds:0.0} s ({load.CpuSeconds / load.Elapsed.TotalSeconds:0.00} cores), peak RSS {load.PeakRss / MiB:N0} MiB");
        foreach (var (type, count) in load.Failures)
        {
            console.WriteLine($"load      FAILED calls: {count:N0} x {type}");
        }

        console.WriteLine($"rebuild   {grains:N0} grains ({rebuild.OrderJournals:N0} orders + {rebuild.CustomerJournals:N0} customers): silo ready after {rebuild.Ready.TotalSeconds:0.00} s, index whole after {rebuild.Whole.TotalSeconds:0.00} s");
        console.WriteLine($"rebuild   {rebuildPerSecond:N0} grains/s ({rebuild.OrderJournals / rebuild.Whole.TotalSeconds:N0} orders/s); x{rebuildPerSecond / loadPerSecond:0.0} the load's orders/s");
        console.WriteLine($"rebuild   CPU {rebuild.CpuSeconds:0.0} s ({rebuild.CpuSeconds / rebuild.Whole.TotalSeconds:0.00} cores; {rebuild.CpuSeconds * 1e6 / Math.Max(1, grains):0} µs/grain): storage writer thread {rebuild.WriterCpuSeconds:0.0} s, index writer thread {rebuild.IndexCpuSeconds:0.0} s");
        console.WriteLine($"rebuild   {rebuild.Writes:N0} appends in {rebuild.Commits:N0} commits ({(rebuild.Commits == 0 ? 0 : (double)rebuild.Writes / rebuild.Commits):0.0} each)");
        console.WriteLine($"rebuild   peak RSS {rebuild.PeakRss / MiB:N0} MiB (VmHWM{(rebuild.PeakReset ? $", reset before the start at {rebuild.RssBefore / MiB:N0} MiB" : ", not resettable here: includes the load")})");
        console.WriteLine($"files     index {rebuild.IndexBytes / MiB:N1} MiB after the rebuild ({rebuild.IndexBytes / (double)Math.Max(1, grains):N0} B/grain); database {rebuild.DatabaseBytes / MiB:N1} MiB");
        console.WriteLine(passed
            ? $"[ok] the rebuilt index lists all {orders:N0} orders as Paid and all {rebuild.CustomerJournals:N0} customers"
            : $"[FAIL] the rebuilt index lists {rebuild.PaidInIndex:N0} Paid orders of {orders:N0} ({rebuild.OrdersInIndex:N0} orders in all, {rebuild.OrderJournals:N0} order journals) and {rebuild.CustomersInIndex:N0} customers of {rebuild.CustomerJournals:N0}");
    }

    private sealed record LoadRun(int Placed, IReadOnlyDictionary<string, int> Failures, TimeSpan Elapsed, double CpuSeconds, long PeakRss);

    private sealed record RebuildRun
    {
        public required TimeSpan Ready { get; init; }
        public required TimeSpan Whole { get; init; }
        public required double CpuSeconds { get; init; }
        public required double WriterCpuSeconds { get; init; }
        public required double IndexCpuSeconds { get; init; }
        public required long Commits { get; init; }
        public required long Writes { get; init; }
        public required long RssBefore { get; init; }
        public required long PeakRss { get; init; }
        public required bool PeakReset { get; init; }
        public required long OrderJournals { get; init; }
        public required long CustomerJournals { get; init; }
        public required long PaidInIndex { get; init; }
        public required long OrdersInIndex { get; init; }
        public required long CustomersInIndex { get; init; }
        public long IndexBytes { get; init; }
        public long DatabaseBytes { get; init; }
    }
}
