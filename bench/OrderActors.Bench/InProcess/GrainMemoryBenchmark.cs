using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrderActors.Bench.Calls;
using OrderActors.Bench.Load;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;
using OrderActors.Runtime.Core;
using OrderActors.Runtime.Hosting;
using OrderActors.Runtime.Storage;

namespace OrderActors.Bench.InProcess;

/// <summary>
/// What an activation costs in memory. In one process, per storage provider: activates N bare grains, then N unpaid
/// orders without a customer, then N unpaid orders with their own customer, and after each step collects that grain
/// type, measuring the managed heap after a full compacting GC (and RSS) before and after. The difference is what the
/// activations themselves keep; what stays after collection (SKU holdings, in-memory storage) is
/// reported apart. A last step gives SKUs a history of closed holdings (reserve, then release, as unpaid holds that
/// are cancelled) and measures such a SKU's activation live and reloaded from storage. Idle collection by the clock is
/// off, so nothing is collected behind the measurement's back.
/// </summary>
public static class GrainMemoryBenchmark
{
    // Warm-up buyers have phones of their own, so every measured customer has exactly one order.
    private const int WarmupBuyers = 50_000_000;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var providers = (args.Get("providers") ?? "memory,sqlite").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var count = args.GetInt("grains", 20_000);
        var skus = args.GetInt("skus", 1000);
        var history = new SkuHistory(args.GetInt("sku-grains", 100), args.GetInt("closed", 1000));
        if (args.GetInt("collector", 0) is > 0 and var resident)
        {
            await MeasureCollectorAsync(resident);
            return 0;
        }

        Console.WriteLine($"grain-memory: {count:N0} activations per step, unpaid orders of 1-3 lines over {skus:N0} SKUs; bytes = managed heap after a full GC, per activation");
        foreach (var provider in providers)
        {
            await RunOneAsync(provider, args.Get("postgres"), count, skus, history);
        }

        return 0;
    }

    private static async Task RunOneAsync(string provider, string? postgres, int count, int skus, SkuHistory history)
    {
        var connection = await InProcessSilo.NewConnectionAsync(provider, postgres, "memory-bench");
        using var host = InProcessSilo.Build(provider, connection, new Dictionary<string, string?> { ["OrderActors:Runtime:CollectionInterval"] = "00:00:00" }, typeof(PingGrain).Assembly);
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var runtime = host.Services.GetRequiredService<GrainRuntime>();
        for (var s = 0; s < skus; s++)
        {
            await grains.GetGrain<ISkuStockGrain>(Payloads.Sku(s)).ReceiveAsync(new StockReceipt("SZ", 10_000_000, "bench"));
        }

        // Warm-up (JIT, rules, pools) with every kind of grain, then collected so the baseline holds none of them.
        await ForEachAsync(200, i => grains.GetGrain<IPingGrain>($"w-{i}").AddAsync(1));
        await ForEachAsync(200, i => PlaceAsync(grains, $"w-{i}", WarmupBuyers + i, skus, customer: true));
        await ForEachAsync(200, i => PlaceAsync(grains, $"wn-{i}", WarmupBuyers + i, skus, customer: false));
        foreach (var type in new[] { "bench-ping", "order", "customer" })
        {
            await runtime.CollectIdleAsync(TimeSpan.Zero, type);
        }

        var baseline = Measure();
        await ForEachAsync(count, i => grains.GetGrain<IPingGrain>($"p-{i}").AddAsync(1));
        var pings = Measure();
        await runtime.CollectIdleAsync(TimeSpan.Zero, "bench-ping");
        var pingsGone = Measure();

        await ForEachAsync(count, i => PlaceAsync(grains, $"n-{i}", i, skus, customer: false));
        var orders = Measure();
        await runtime.CollectIdleAsync(TimeSpan.Zero, "order");
        var ordersGone = Measure();

        await ForEachAsync(count, i => PlaceAsync(grains, $"c-{i}", i, skus, customer: true));
        var both = Measure();
        await runtime.CollectIdleAsync(TimeSpan.Zero, "customer");
        var customersGone = Measure();
        await runtime.CollectIdleAsync(TimeSpan.Zero, "order");
        var allGone = Measure();

        var storage = host.Services.GetRequiredService<IStorageProvider>();
        var orderEvents = await storage.ReadEventsAsync(new GrainId("order", OrderKeys.For(OrderKeys.OwnChannel, "c-7")), 0, 100, CancellationToken.None);
        var customerEvents = await storage.ReadEventsAsync(new GrainId("customer", Payloads.Phone(7)), 0, 100, CancellationToken.None);

        void Row(string what, Snapshot from, Snapshot to) =>
            Console.WriteLine($"{provider,-8} {what,-58} {(to.Heap - from.Heap) / (double)count,10:N0} B {(to.Rss - from.Rss) / (double)count,10:N0} B RSS");

        Console.WriteLine($"{"storage",-8} {"what (per activation or per order)",-58} {"heap",12} {"RSS",16}");
        Row("bare grain activation (no state)", pingsGone, pings);
        Row("  kept after its collection", baseline, pingsGone);
        Row("unpaid order activation, no customer", ordersGone, orders);
        Row("  what stays per order after collection (SKU holding, ...)", pingsGone, ordersGone);
        Row("unpaid order + its customer, both activations", allGone, both);
        Row("  customer activation", customersGone, both);
        Row("  order activation", allGone, customersGone);
        Console.WriteLine($"{provider,-8} order events: {orderEvents.Count} ({string.Join(", ", orderEvents.Select(e => $"{e.EventType} {e.Data.Length} chars"))}); "
                          + $"customer events: {customerEvents.Count} ({string.Join(", ", customerEvents.Select(e => $"{e.EventType} {e.Data.Length} chars"))})");
        Console.WriteLine($"{provider,-8} peak: {both.Heap / 1048576.0:N0} MiB heap, {both.Rss / 1048576.0:N0} MiB RSS with {runtime.Activations.Count + (2 * count):N0} activations; after collecting them all: {allGone.Heap / 1048576.0:N0} MiB heap, {allGone.Rss / 1048576.0:N0} MiB RSS");
        if (history.Skus > 0)
        {
            await MeasureSkuHistoryAsync(provider, grains, runtime, storage, history);
        }

        await host.StopAsync();
        InProcessSilo.DeleteSqliteFiles(connection);
    }

    /// <summary>
    /// SKUs that each closed <see cref="SkuHistory.Closed"/> holdings (what a SKU has in the 1,000,000-hold run: about
    /// 1,000 orders each): every order reserves one unit with a hold and releases it, 64 at a time over all the SKUs.
    /// Measured live (after their calls) and reloaded from storage (snapshot + the events after it).
    /// </summary>
    private static async Task MeasureSkuHistoryAsync(string provider, IGrainFactory grains, GrainRuntime runtime, IStorageProvider storage, SkuHistory history)
    {
        ISkuStockGrain Sku(int s) => grains.GetGrain<ISkuStockGrain>($"HIST-{s:D5}");
        await runtime.CollectIdleAsync(TimeSpan.Zero, "skustock");
        await ForEachAsync(history.Skus, s => Sku(s).ReceiveAsync(new StockReceipt("SZ", 10_000_000, "bench")));
        var expiresAt = runtime.Time.GetUtcNow().AddHours(1);
        await ForEachAsync(history.Skus * history.Closed, async i =>
        {
            var orderId = OrderKeys.For(OrderKeys.OwnChannel, $"h-{i:D7}");
            var sku = Sku(i % history.Skus);
            await sku.ReserveAsync(new ReserveStock(orderId, 1, expiresAt, AllowShortage: false, "bench"));
            await sku.ReleaseAsync(new ReleaseStock(orderId, "payment overdue", "bench"));
        });
        var live = Measure();
        await runtime.CollectIdleAsync(TimeSpan.Zero, "skustock");
        var gone = Measure();
        await ForEachAsync(history.Skus, s => Sku(s).GetAsync());
        var reloaded = Measure();

        var load = await storage.LoadAsync(new GrainId(SkuStockGrain.GrainTypeName, "HIST-00007"), CancellationToken.None);
        void Row(string what, Snapshot from, Snapshot to) =>
            Console.WriteLine($"{provider,-8} {what,-58} {(to.Heap - from.Heap) / (double)history.Skus,10:N0} B {(to.Rss - from.Rss) / (double)history.Skus,10:N0} B RSS");
        Row($"SKU activation with {history.Closed:N0} closed holdings, live", gone, live);
        Row($"  the same SKU reloaded from storage", gone, reloaded);
        Console.WriteLine($"{provider,-8} {history.Skus:N0} SKUs; one SKU's storage: snapshot v{load.Snapshot?.Version ?? 0} of {load.Snapshot?.Data.Length ?? 0:N0} chars + "
                          + $"{load.Events.Count:N0} events of {load.Events.Sum(e => e.Data.Length):N0} chars after it, version {load.Version:N0}");
    }

    /// <summary>
    /// The idle collector's own cost with <paramref name="resident"/> bare activations: a pass that finds nothing to
    /// collect, and a pass that collects them all, timed, with the bytes the pass allocates on its thread.
    /// </summary>
    private static async Task MeasureCollectorAsync(int resident)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderActors:Storage:Provider"] = "memory",
            ["OrderActors:Runtime:CollectionInterval"] = "00:00:00",
        });
        builder.Services.AddOrderActorsRuntime(builder.Configuration, typeof(PingGrain).Assembly);
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var runtime = host.Services.GetRequiredService<GrainRuntime>();
        await ForEachAsync(resident, i => grains.GetGrain<IPingGrain>($"p-{i}").AddAsync(1));
        var heap = Measure();
        Console.WriteLine($"collector: {runtime.Activations.Count:N0} resident bare activations, {heap.Heap / 1048576.0:N0} MiB heap, {heap.Rss / 1048576.0:N0} MiB RSS");
        for (var pass = 0; pass < 3; pass++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            await runtime.CollectIdleAsync(TimeSpan.MaxValue);
            Console.WriteLine($"collector: pass collecting nothing: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:N1} ms, {GC.GetAllocatedBytesForCurrentThread() - allocated:N0} bytes allocated");
        }

        for (var pass = 0; pass < 3; pass++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            runtime.SweepTimeouts();
            Console.WriteLine($"collector: call-timeout sweep (every second): {Stopwatch.GetElapsedTime(started).TotalMilliseconds:N1} ms, {GC.GetAllocatedBytesForCurrentThread() - allocated:N0} bytes allocated");
        }

        var all = Stopwatch.GetTimestamp();
        await runtime.CollectIdleAsync(TimeSpan.Zero);
        Console.WriteLine($"collector: pass collecting all {resident:N0}: {Stopwatch.GetElapsedTime(all).TotalMilliseconds:N0} ms; {runtime.Activations.Count:N0} left");
        await host.StopAsync();
    }

    private static async Task PlaceAsync(IGrainFactory grains, string externalNo, int buyer, int skus, bool customer)
    {
        var lines = IntakeLines.For(42, buyer, skus);
        await grains.GetGrain<IOrderGrain>(OrderKeys.For(OrderKeys.OwnChannel, externalNo)).PlaceAsync(new PlaceOrder
        {
            Channel = OrderKeys.OwnChannel,
            ExternalOrderNo = externalNo,

            // An unusable phone leaves the order without a customer grain (it gets an invalid-phone hold instead).
            Customer = new CustomerContact($"Buyer {buyer}", customer ? Payloads.Phone(buyer) : "n/a"),
            Address = new ShippingAddress("Zhejiang", "Hangzhou", "Xihu", $"{buyer % 997 + 1} Wensan Road"),
            Lines = lines.Select(l => new OrderLineRequest(l.Sku, l.Quantity, 19.90m)).ToList(),
            Actor = "bench",
        });
    }

    private static async Task ForEachAsync(int count, Func<int, Task> action)
    {
        var next = -1;
        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await action(i);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(WorkerAsync)));
    }

    private static Snapshot Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new Snapshot(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    private readonly record struct Snapshot(long Heap, long Rss);

    private readonly record struct SkuHistory(int Skus, int Closed);
}
