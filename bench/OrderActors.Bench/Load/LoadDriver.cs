using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrderActors.Bench.Load;

/// <summary>
/// Sends operations <c>0..count-1</c> from <c>concurrency</c> workers (closed loop), bounded in count and time. An operation
/// returns the HTTP status it got (or -1 when the server was unreachable); while the server is down (killed, restarting)
/// workers wait for it instead of burning through operations. With a crash plan, the server is SIGKILLed once
/// <c>crashAfter</c> operations have completed and restarted on the same database while the load goes on.
/// With a rate, operation i is not sent before start + i / rate (paced arrivals, at most <c>concurrency</c> in flight).
/// Every <see cref="ProgressInterval"/> a progress line goes to stderr (done, rate, errors, server peak RSS), prefixed
/// with <c>label</c> when one is given (the warm-up's).
/// </summary>
public static class LoadDriver
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    public static async Task<DriverResult> RunAsync(
        int count,
        int concurrency,
        double? rate,
        TimeSpan maxDuration,
        Func<int, Task<int>> operation,
        ServerProcess server,
        int? crashAfter = null,
        string? label = null,
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

                if (rate is { } perSecond)
                {
                    var wait = TimeSpan.FromSeconds(index / perSecond) - Stopwatch.GetElapsedTime(started);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }
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

        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ReportProgressAsync(label is null ? string.Empty : label + ": ", count, () => Volatile.Read(ref completed), byStatus, server, stopProgress.Token);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w), cancellationToken)));
        await stopProgress.CancelAsync();
        await progress;
        if (crash is not null)
        {
            await crash;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new DriverResult(sent, new Dictionary<int, int>(byStatus), recorder.Summarize(elapsed), elapsed);
    }

    private static async Task ReportProgressAsync(string prefix, int count, Func<int> completed, ConcurrentDictionary<int, int> byStatus, ServerProcess server, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        var last = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var done = completed();
                var errors = byStatus.Where(kv => kv.Key is >= 500 or LoadClient.TransportError).Sum(kv => kv.Value);
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"[{TimeProvider.System.GetLocalNow():HH:mm:ss}] {prefix}{done:N0} of {count:N0} done ({(done - last) / ProgressInterval.TotalSeconds:N0}/s), errors {errors:N0}, server peak RSS {server.PeakRssBytes / 1048576.0:N0} MiB"));
                last = done;
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    private static async Task CrashAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        await server.KillAsync();
        await server.RestartAsync(cancellationToken);
    }
}
