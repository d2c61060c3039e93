using System.Diagnostics;
using System.Reflection;

namespace OrderActors.Bench.Calls;

/// <summary>
/// Where one grain call's time goes: the pieces the runtime's call path is made of, each timed alone on one thread
/// (ns and bytes allocated per operation), beside one full grain call made the same way.
/// </summary>
public static class CallCostBreakdown
{
    private static readonly AsyncLocal<object?> Local = new();
    private static readonly object Marker = new();

    public static async Task<IReadOnlyList<(string Piece, double Ns, double Bytes)>> MeasureAsync(Func<string, IPingGrain> getGrain, int iterations)
    {
        var results = new List<(string, double, double)>();
        var grain = getGrain("breakdown-0");
        await grain.AddAsync(1);

        results.Add(await TimeAsync("full grain call, one caller, awaited one at a time", iterations, () => grain.AddAsync(1)));
        var keys = Enumerable.Range(0, 1024).Select(i => $"breakdown-{i}").ToArray();
        var k = 0;
        results.Add(Time("GetGrain<T>(key) lookup (references cached per key)", iterations, () => getGrain(keys[k++ & 1023])));
        var proxy = DispatchProxy.Create<IPingGrain, CompletedProxy>();
        results.Add(await TimeAsync("DispatchProxy.Invoke alone (args boxed into object[])", iterations, () => proxy.AddAsync(1)));
        results.Add(Time("AsyncLocal set + clear (call chain, once per turn)", iterations, () =>
        {
            Local.Value = Marker;
            Local.Value = null;
            return null;
        }));
        results.Add(await TimeAsync("thread-pool hop + TaskCompletionSource (async continuation)", iterations, HopAsync));
        return results;
    }

    private static Task<int> HopAsync()
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.TrySetResult(1), tcs, preferLocal: true);
        return tcs.Task;
    }

    private static (string, double, double) Time(string name, int iterations, Func<object?> op)
    {
        for (var i = 0; i < 10_000; i++)
        {
            op();
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            op();
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        return (name, elapsed.TotalNanoseconds / iterations, (double)(GC.GetAllocatedBytesForCurrentThread() - bytes) / iterations);
    }

    private static async Task<(string, double, double)> TimeAsync(string name, int iterations, Func<Task<int>> op)
    {
        for (var i = 0; i < 10_000; i++)
        {
            await op().ConfigureAwait(false);
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            await op().ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        return (name, elapsed.TotalNanoseconds / iterations, (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / iterations);
    }
}
