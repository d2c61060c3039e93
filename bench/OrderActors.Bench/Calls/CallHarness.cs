using System.Diagnostics;

namespace OrderActors.Bench.Calls;

/// <summary>
/// Drives calls from many concurrent callers over many targets for a fixed time: each caller sends a window of calls to
/// different targets, awaits them all, and repeats. The same harness drives the runtime and the baselines.
/// </summary>
public static class CallHarness
{
    public static async Task<CallRun> MeasureAsync(string name, Func<int, int, Task<int>> call, int targets, int callers, int window, TimeSpan duration)
    {
        // Warm-up: activate every target and let the JIT settle before counting.
        await RunAsync(call, targets, callers, window, TimeSpan.FromMilliseconds(500), null);

        var recorder = new LatencyRecorder(callers);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var calls = await RunAsync(call, targets, callers, window, duration, recorder);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        process.Refresh();
        var cpuMicroseconds = (process.TotalProcessorTime - cpu).TotalMicroseconds;
        var batches = recorder.Summarize(elapsed);
        var latency = batches with { Operations = calls, Elapsed = elapsed };
        return new CallRun(name, latency, (double)bytes / calls, cpuMicroseconds / calls, GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
    }

    private static async Task<long> RunAsync(Func<int, int, Task<int>> call, int targets, int callers, int window, TimeSpan duration, LatencyRecorder? recorder)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = new long[callers];

        async Task CallerAsync(int caller)
        {
            var pending = new Task<int>[window];
            var next = caller * 7919;
            long done = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < window; i++)
                {
                    pending[i] = call((next + i) % targets, 1);
                }

                next += window;
                for (var i = 0; i < window; i++)
                {
                    await pending[i].ConfigureAwait(false);
                }

                done += window;
                recorder?.Record(caller, start);
            }

            counts[caller] = done;
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallerAsync(c))));
        return counts.Sum();
    }
}
