using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrderActors.Bench.Load;

/// <summary>
/// Sends operations <c>0..count-1</c> from <c>concurrency</c> workers (closed loop), bounded in count and time. An operation
/// returns the HTTP status it got (or -1 when the server was unreachable); while the server is down (killed, restarting)
/// workers wait for it instead of burning through operations. With a crash plan, the server is SIGKILLed once
/// <c>crashAfter</c> operations have completed and restarted on the same database while the load goes on.
/// </summary>
public static class LoadDriver
{
    public static async Task<DriverResult> RunAsync(
        int count,
        int concurrency,
        TimeSpan maxDuration,
        Func<int, Task<int>> operation,
        ServerProcess server,
        int? crashAfter = null,
        CancellationToken cancellationToken = default)
    {
        var recorder = new LatencyRecorder(concurrency);
        var byStatus = new ConcurrentDictionary<int, int>();
        var next = -1;
        var completed = 0;
        var sent = 0;
        Task? crash = null;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(maxDuration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkerAsync(int worker)
        {
            while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= count)
                {
                    return;
                }

                await server.WhenUp.WaitAsync(cancellationToken);
                Interlocked.Increment(ref sent);
                var start = Stopwatch.GetTimestamp();
                var status = await operation(index);
                recorder.Record(worker, start);
                byStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);
                if (Interlocked.Increment(ref completed) == crashAfter)
                {
                    crash = CrashAsync(server, cancellationToken);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w), cancellationToken)));
        if (crash is not null)
        {
            await crash;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new DriverResult(sent, new Dictionary<int, int>(byStatus), recorder.Summarize(elapsed), elapsed);
    }

    private static async Task CrashAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        await server.KillAsync();
        await server.RestartAsync(cancellationToken);
    }
}
