using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrderActors.Runtime;
using OrderActors.Runtime.Hosting;

namespace OrderActors.Bench.Calls;

/// <summary>
/// In-memory grain calls/s through the runtime's <see cref="IGrainFactory"/> (memory storage, a trivial grain method,
/// many callers over many grains), beside two baselines doing the same work in the same process: a plain object behind
/// a <see cref="SemaphoreSlim"/>, and a bare <see cref="System.Threading.Channels.Channel{T}"/> actor.
/// </summary>
public static class CallBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var grains = args.GetInt("grains", 1000);
        var callers = args.GetInt("callers", 256);
        var windows = (args.Get("windows") ?? "1,16").Split(',').Select(int.Parse).ToArray();
        var duration = TimeSpan.FromSeconds(args.GetDouble("seconds", 3));
        var breakdownIterations = args.GetInt("breakdown-iterations", 200_000);

        using var host = await StartSiloAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var references = Enumerable.Range(0, grains).Select(i => factory.GetGrain<IPingGrain>($"g{i}")).ToArray();
        var locked = Enumerable.Range(0, grains).Select(_ => new LockedCounter()).ToArray();
        var actors = Enumerable.Range(0, grains).Select(_ => new ChannelActor()).ToArray();

        Console.WriteLine($"grain calls benchmark: {grains:N0} grains, {callers} concurrent callers, {duration.TotalSeconds:0.#} s per run, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine("window = calls each caller sends before awaiting them (1 = strictly request/response)");
        Console.WriteLine($"{"implementation",-34} {"window",6} {"calls/s",12} {"vs grain",9} {"batch p50 ms",13} {"batch p99 ms",13} {"CPU µs/call",12} {"B/call",8} {"gen0",6} {"gen1",5} {"gen2",5}");
        long runtimeCalls = 0;
        foreach (var window in windows)
        {
            var grain = await CallHarness.MeasureAsync("OrderActors grain (IGrainFactory)", (i, a) => references[i].AddAsync(a), grains, callers, window, duration);
            var plain = await CallHarness.MeasureAsync("baseline: object + SemaphoreSlim", (i, a) => locked[i].AddAsync(a), grains, callers, window, duration);
            var channel = await CallHarness.MeasureAsync("baseline: Channel<T> actor", (i, a) => actors[i].AddAsync(a), grains, callers, window, duration);
            foreach (var run in new[] { grain, plain, channel })
            {
                Print(run, window, grain);
            }

            runtimeCalls += grain.Latency.Operations;
        }

        // Sanity: every call the harness counted reached a grain exactly once (turn-based: no lost update).
        var total = 0L;
        foreach (var reference in references)
        {
            total += await reference.AddAsync(0);
        }

        Console.WriteLine($"check: grain counters sum to {total:N0} (includes warm-up calls); the runtime was sent at least {runtimeCalls:N0} measured calls: {(total >= runtimeCalls ? "ok" : "LOST CALLS")}");
        Console.WriteLine();
        Console.WriteLine($"where one call's time goes (one thread, {breakdownIterations:N0} iterations each):");
        foreach (var (piece, ns, bytes) in await CallCostBreakdown.MeasureAsync(factory.GetGrain<IPingGrain>, breakdownIterations))
        {
            Console.WriteLine($"  {piece,-58} {ns,9:N0} ns {bytes,7:N0} B");
        }

        foreach (var actor in actors)
        {
            actor.Stop();
        }

        await host.StopAsync();
        return total >= runtimeCalls ? 0 : 1;
    }

    private static void Print(CallRun run, int window, CallRun grain)
    {
        var ratio = ReferenceEquals(run, grain) ? "1.0x" : $"{run.PerSecond / grain.PerSecond:0.0}x";
        Console.WriteLine($"{run.Name,-34} {window,6} {run.PerSecond,12:N0} {ratio,9} {run.Latency.P50Ms,13:0.000} {run.Latency.P99Ms,13:0.000} {run.CpuMicrosecondsPerCall,12:0.000} {run.BytesPerCall,8:N0} {run.Gen0,6} {run.Gen1,5} {run.Gen2,5}");
    }

    private static async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OrderActors:Storage:Provider"] = "memory" });
        builder.Services.AddOrderActorsRuntime(builder.Configuration, typeof(PingGrain).Assembly);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
