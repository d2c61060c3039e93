using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrderActors.Bench.Grains;
using OrderActors.Runtime;
using OrderActors.Runtime.Hosting;

namespace OrderActors.Bench;

/// <summary>
/// In-memory grain calls/s: many concurrent callers over many grains through the runtime (references, mailboxes,
/// turn-based execution), against a baseline in the same process that calls the same state behind a per-object
/// async lock with no runtime in between.
/// </summary>
public static class GrainCallBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var seconds = args.GetDouble("seconds", 5);
        var callers = args.GetInt("callers", 256);
        var grains = args.GetInt("grains", 10_000);
        Console.WriteLine($"grain call benchmark: {callers} concurrent callers over {grains:N0} grains, {seconds:0.#} s per run, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"mode",-28} {"calls/s",12} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"cpu µs/call",12} {"B/call",8}");

        var locked = Enumerable.Range(0, grains).Select(_ => new LockedCounter()).ToArray();
        var baseline = await MeasureAsync(callers, TimeSpan.FromSeconds(seconds), i => locked[i % grains].AddAsync(1));
        Print("baseline: locked object", baseline, null);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OrderActors:Storage:Provider"] = "memory" });
        builder.Services.AddOrderActorsRuntime(null, typeof(CallBenchGrain).Assembly);
        using var host = builder.Build();
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var references = Enumerable.Range(0, grains).Select(i => factory.GetGrain<ICallBenchGrain>($"g{i}")).ToArray();
        await Task.WhenAll(references.Select(r => r.AddAsync(0)));

        var cached = await MeasureAsync(callers, TimeSpan.FromSeconds(seconds), i => references[i % grains].AddAsync(1));
        Print("grain calls (references)", cached, baseline);
        var fresh = await MeasureAsync(callers, TimeSpan.FromSeconds(seconds), i => factory.GetGrain<ICallBenchGrain>($"g{i % grains}").AddAsync(1));
        Print("grain calls (GetGrain+call)", fresh, baseline);
        await host.StopAsync();
        return 0;
    }

    private static void Print(string mode, Run run, Run? baseline)
    {
        var s = run.Latency;
        var ratio = baseline is null ? string.Empty : $"  x{s.PerSecond / baseline.Latency.PerSecond:0.00} calls/s vs baseline";
        Console.WriteLine($"{mode,-28} {s.PerSecond,12:N0} {s.P50Ms,8:0.000} {s.P99Ms,8:0.000} {s.MaxMs,8:0.0} {run.CpuMicrosecondsPerCall,12:0.000} {run.BytesPerCall,8:0}{ratio}");
    }

    /// <summary>
    /// One measured run. CPU time and allocation per call (over the whole run, warm-up included) say what the
    /// machine could do when other processes share its cores; calls/s is wall-clock throughput.
    /// </summary>
    private sealed record Run(LatencySummary Latency, double CpuMicrosecondsPerCall, double BytesPerCall);

    private static async Task<Run> MeasureAsync(int callers, TimeSpan duration, Func<int, Task<int>> call)
    {
        // Every 16th call's latency is recorded, so recording does not dominate what is measured.
        const int SampleEvery = 16;
        var recorder = new LatencyRecorder(callers);
        var counts = new long[callers];
        var totals = new long[callers];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var warmupEnd = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 0.5);
        var measureEnd = warmupEnd + (long)(Stopwatch.Frequency * duration.TotalSeconds);

        async Task CallerAsync(int c)
        {
            var i = c * 7919;
            long done = 0;
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= measureEnd)
                {
                    break;
                }

                await call(i++);
                totals[c]++;
                if (start >= warmupEnd)
                {
                    if (++done % SampleEvery == 0)
                    {
                        recorder.Record(c, start);
                    }
                }
            }

            counts[c] = done;
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallerAsync(c))));
        process.Refresh();
        var all = (double)totals.Sum();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / all;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / all;
        return new Run(recorder.Summarize(duration) with { Operations = counts.Sum() }, cpu, bytes);
    }
}
