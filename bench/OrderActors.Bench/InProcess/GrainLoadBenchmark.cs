using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Bench.Load;
using OrderActors.Bench.Load.Scenarios;
using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Bench.InProcess;

/// <summary>
/// The intake and flash-sale work without HTTP: the same orders placed (and paid) straight on the grains through
/// <see cref="IGrainFactory"/> in this process, over memory storage (no durability: the grains' own cost) and over the
/// durable providers. Beside the HTTP figures it shows where an order's time goes: API + HTTP, grains, storage.
/// </summary>
public static class GrainLoadBenchmark
{
    /// <summary>The storage writer's thread ("OrderActors storage writer", cut to 15 characters by Linux): SQLite's only; PostgreSQL's writer loop runs on the pool.</summary>
    internal const string WriterThread = "OrderActors sto";

    /// <summary>SQLite's query-index writer thread ("OrderActors index writer", cut the same way).</summary>
    internal const string IndexThread = "OrderActors ind";

    /// <summary>Units of each SKU an intake run receives first: more than any run sells.</summary>
    internal const int IntakeStock = 10_000_000;

    public static async Task<int> RunAsync(string scenario, BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var flash = scenario == "grain-flash-sale";
        var providers = (args.Get("providers") ?? "memory,sqlite").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var requests = args.GetInt("requests", flash ? 20_000 : 5_000);
        var concurrency = args.GetInt("concurrency", 64);
        var skus = args.GetInt("skus", 1000);
        var units = args.GetInt("units", 10_000);
        Console.WriteLine($"{scenario}: {requests:N0} orders straight on the grains (no HTTP), concurrency {concurrency}, {(flash ? $"one SKU with {units:N0} units" : $"{skus:N0} SKUs, place + pay")}");
        var settings = InProcessSilo.Settings(args.GetAll("set"));
        Console.WriteLine($"{"storage",-9} {"orders/s",10} {"p50 ms",8} {"p99 ms",8} {"accepted",9} {"CPU ms/order",13} {"KB alloc/order",15} {"writes/order",13} {"commits",9} {"batch",7} {"commit p50 ms",14} {"writer CPU ms/order",20} {"index CPU ms/order",19} {"KB written/order",17} {"index KB written/order",23}");
        foreach (var provider in providers)
        {
            await RunOneAsync(provider, args.Get("postgres"), flash, requests, concurrency, skus, units, settings);
        }

        return 0;
    }

    private static async Task RunOneAsync(string provider, string? postgres, bool flash, int requests, int concurrency, int skus, int units, IReadOnlyDictionary<string, string?> settings)
    {
        var connection = await InProcessSilo.NewConnectionAsync(provider, postgres, "grain-bench");
        using var host = InProcessSilo.Build(provider, connection, settings);
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var storage = host.Services.GetRequiredService<IStorageDiagnostics>();
        var skuCodes = flash ? [FlashSaleScenario.Sku] : Enumerable.Range(0, skus).Select(Payloads.Sku).ToList();
        await ReceiveStockAsync(grains, skuCodes, flash ? units : IntakeStock);

        // Warm-up (JIT, rules, first activations) on other SKUs' orders, so the measured run starts hot.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(w => grains.GetGrain<ISkuStockGrain>(skuCodes[w % skuCodes.Count]).GetAsync()));
        var warmupSku = "WARMUP-1";
        await grains.GetGrain<ISkuStockGrain>(warmupSku).ReceiveAsync(new StockReceipt("SZ", 1_000_000, "bench"));
        await Task.WhenAll(Enumerable.Range(0, 200).Select(w => PlaceAsync(grains, $"w-{w}", 900_000 + w, [(warmupSku, 1)], pay: true)));

        var before = storage.GetStatistics();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var writerCpu = ThreadCpu.SecondsOfThreads(Environment.ProcessId, WriterThread);
        var indexCpu = ThreadCpu.SecondsOfThreads(Environment.ProcessId, IndexThread);
        var written = ThreadCpu.BytesWritten();
        var indexWritten = ThreadCpu.BytesWrittenByThreads(Environment.ProcessId, IndexThread);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var recorder = new LatencyRecorder(concurrency);
        var next = -1;
        var accepted = 0;
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var started = Stopwatch.GetTimestamp();

        async Task WorkerAsync(int worker)
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await (flash ? PlaceAsync(grains, $"g-{i}", i, [(FlashSaleScenario.Sku, 1)], pay: false) : PlaceIntakeOrderAsync(grains, i, skus));
                    Interlocked.Increment(ref accepted);
                }
                catch (DomainException) when (flash)
                {
                    // Sold out: a refusal is an answer too.
                }
                catch (Exception ex) when (ex is not DomainException)
                {
                    // A failure is a figure too (e.g. a timeout under CPU starvation): counted, not fatal.
                    failures.AddOrUpdate(ex.GetType().Name, 1, static (_, n) => n + 1);
                }

                recorder.Record(worker, start);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var writerCpuMs = (ThreadCpu.SecondsOfThreads(Environment.ProcessId, WriterThread) - writerCpu) * 1000;
        var indexCpuMs = (ThreadCpu.SecondsOfThreads(Environment.ProcessId, IndexThread) - indexCpu) * 1000;
        var writtenKb = (ThreadCpu.BytesWritten() - written) / 1024.0;
        var indexWrittenKb = (ThreadCpu.BytesWrittenByThreads(Environment.ProcessId, IndexThread) - indexWritten) / 1024.0;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var after = storage.GetStatistics();
        var summary = recorder.Summarize(elapsed);
        var writes = after.Writes - before.Writes;
        var commits = after.Commits - before.Commits;
        Console.WriteLine($"{provider,-9} {summary.PerSecond,10:N0} {summary.P50Ms,8:0.0} {summary.P99Ms,8:0.0} {accepted,9:N0} {cpuMs / requests,13:0.000} {bytes / 1024.0 / requests,15:N1} {(double)writes / requests,13:0.00} {commits,9:N0} {(commits == 0 ? 0 : (double)writes / commits),7:0.0} {after.CommitLatencyP50Ms,14:0.00} {writerCpuMs / requests,20:0.000} {indexCpuMs / requests,19:0.000} {writtenKb / requests,17:N1} {indexWrittenKb / requests,23:N1}");
        foreach (var (type, count) in failures)
        {
            Console.WriteLine($"{provider,-9} FAILED calls: {count:N0} x {type}");
        }

        await host.StopAsync();
        InProcessSilo.DeleteSqliteFiles(connection);
    }

    /// <summary>Receives <paramref name="units"/> of each SKU into warehouse SZ.</summary>
    internal static async Task ReceiveStockAsync(IGrainFactory grains, IReadOnlyList<string> skus, int units)
    {
        foreach (var sku in skus)
        {
            await grains.GetGrain<ISkuStockGrain>(sku).ReceiveAsync(new StockReceipt("SZ", units, "bench"));
        }
    }

    /// <summary>
    /// Intake order <paramref name="i"/>: own-store order <c>g-{i}</c> of 1-3 lines over the first <paramref name="skus"/> SKUs
    /// (stocked with <see cref="IntakeStock"/> each), by buyer <paramref name="i"/> (a customer of its own), placed and paid.
    /// </summary>
    internal static Task PlaceIntakeOrderAsync(IGrainFactory grains, int i, int skus) =>
        PlaceAsync(grains, $"g-{i}", i, IntakeLines.For(42, i, skus), pay: true);

    private static async Task PlaceAsync(IGrainFactory grains, string externalNo, int buyer, IReadOnlyList<(string Sku, int Quantity)> lines, bool pay)
    {
        var order = grains.GetGrain<IOrderGrain>(OrderKeys.For(OrderKeys.OwnChannel, externalNo));
        await order.PlaceAsync(new PlaceOrder
        {
            Channel = OrderKeys.OwnChannel,
            ExternalOrderNo = externalNo,
            Customer = new CustomerContact($"Buyer {buyer}", Payloads.Phone(buyer)),
            Address = new ShippingAddress("Zhejiang", "Hangzhou", "Xihu", $"{buyer % 997 + 1} Wensan Road"),
            Lines = lines.Select(l => new OrderLineRequest(l.Sku, l.Quantity, 19.90m)).ToList(),
            Actor = "bench",
        });
        if (pay)
        {
            await order.ConfirmPaymentAsync(new ConfirmPayment($"pay-{externalNo}", Payloads.Total(lines), "bench"));
        }
    }
}
