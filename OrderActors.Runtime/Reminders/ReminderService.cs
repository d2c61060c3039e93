using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Runtime.Core;

namespace OrderActors.Runtime.Reminders;

/// <summary>
/// Delivers durable reminders. It polls <see cref="IReminderTable.GetDueRemindersAsync"/> every
/// <see cref="RuntimeOptions.ReminderPollInterval"/> (and at once when a reminder is registered due before the next
/// poll) for the reminders due up to <see cref="RuntimeOptions.ReminderLookahead"/> ahead, and delivers each tick at its
/// due time (one read ahead is dropped if its reminder is registered again or removed meanwhile)
/// through the normal grain call path to <see cref="IRemindable.ReceiveReminderAsync"/> with bounded concurrency, then
/// removes a one-shot reminder or advances a periodic one, both only if its ETag is unchanged. A failed delivery is
/// retried after <see cref="RuntimeOptions.ReminderRetryDelay"/> (at least once). A tick is never delivered twice concurrently.
/// </summary>
public sealed class ReminderService : IAsyncDisposable
{
    private const int BatchSize = 512;
    // Delivered ticks are remembered only to skip a row a poll read just before its removal committed; a minute is ample,
    // and ten kept ~400,000 entries resident when holds expired at 650/s.
    private static readonly TimeSpan CompletedMemory = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(10);

    private readonly GrainRuntime _runtime;
    private readonly IReminderTable _table;
    private readonly TimeProvider _time;
    private readonly RuntimeOptions _options;
    private readonly ReminderWakeup _wakeup;
    private readonly RuntimeLog _log;
    private readonly SemaphoreSlim _concurrency;
    private readonly ReminderLagTracker _lag = new();
    private readonly ConcurrentDictionary<TickKey, Task> _inFlight = new();
    private readonly ConcurrentDictionary<TickKey, long> _completed = new();
    private readonly ConcurrentDictionary<TickKey, DateTimeOffset> _retryAfter = new();
    private readonly ConcurrentDictionary<TickKey, TaskCompletionSource> _waitingForDue = new();
    private readonly TimeSpan _lookahead;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _haltGate = new();
    private Task? _halt;
    private int _stopRequested;
    private ITimer? _pollTimer;
    private Task _loop = Task.CompletedTask;
    private long _lastPrune;

    internal ReminderService(GrainRuntime runtime, IReminderTable table, TimeProvider time, IOptions<RuntimeOptions> options, ReminderWakeup wakeup, ILogger<ReminderService> logger)
    {
        _runtime = runtime;
        _table = table;
        _time = time;
        _options = options.Value;
        _wakeup = wakeup;
        _log = new RuntimeLog(logger);
        _concurrency = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentReminderDeliveries));
        _lookahead = _options.ReminderLookahead > TimeSpan.Zero ? _options.ReminderLookahead : TimeSpan.Zero;
    }

    /// <summary>Lag and delivery counters.</summary>
    public ReminderLagStatistics GetLagStatistics() => _lag.GetStatistics();

    /// <summary>How many reminders are due now and not yet delivered.</summary>
    public Task<long> CountBacklogAsync(CancellationToken cancellationToken) => _table.CountDueRemindersAsync(_time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Delivers every reminder due now and waits for those deliveries, repeating while deliveries make more reminders due
    /// (for tests on a manual clock). Ticks waiting for a retry are left for later.
    /// </summary>
    public async Task DeliverDueRemindersAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; round < 1000; round++)
        {
            var (tasks, _) = await StartDueAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (tasks.Count == 0)
            {
                return;
            }

            await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts polling.</summary>
    internal void Start()
    {
        _pollTimer = _time.CreateTimer(static s => ((ReminderWakeup)s!).Set(), _wakeup, TimeSpan.Zero, _options.ReminderPollInterval);
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Stops polling and waits for deliveries in progress.</summary>
    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) != 0)
        {
            // A second stop, or a stop after disposal (a host disposed before it was stopped): nothing left to stop.
            return;
        }

        await HaltAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown deadline: the unfinished ticks stay in the table and are delivered after restart.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _stopRequested, 1);

        // The same halt a concurrent StopAsync may be running: the token source is disposed only after it is cancelled
        // and the loop has ended, never under a stop still using it.
        await HaltAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _concurrency.Dispose();
    }

    /// <summary>Stops the poll timer, cancels the loop and waits for it; run once, whoever asks first.</summary>
    private Task HaltAsync()
    {
        lock (_haltGate)
        {
            return _halt ??= HaltOnceAsync();
        }
    }

    private async Task HaltOnceAsync()
    {
        _pollTimer?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _wakeup.WaitAsync(cancellationToken).ConfigureAwait(false);
                var (_, started) = await StartDueAsync(_lookahead, cancellationToken).ConfigureAwait(false);
                if (started >= BatchSize)
                {
                    _wakeup.Set();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _log.ReminderPollFailed(ex);
            }
        }
    }

    /// <summary>Starts the delivery of every tick due by now + <paramref name="lookahead"/>; those not yet due wait for their time.</summary>
    private async Task<(List<Task> Tasks, int Started)> StartDueAsync(TimeSpan lookahead, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Prune(now);
        var due = await _table.GetDueRemindersAsync(now + lookahead, BatchSize, cancellationToken).ConfigureAwait(false);
        var tasks = new List<Task>(due.Count);
        var started = 0;
        foreach (var entry in due)
        {
            var key = new TickKey(entry.GrainId, entry.Name, entry.ETag, entry.DueAt);
            if (_completed.ContainsKey(key))
            {
                continue;
            }

            if (_inFlight.TryGetValue(key, out var running))
            {
                // Read ahead and waiting for a due time that has come (a timer created just as the clock moved can be
                // late): deliver it now.
                if (entry.DueAt <= now && _waitingForDue.TryGetValue(key, out var release))
                {
                    release.TrySetResult();
                }

                tasks.Add(running);
                continue;
            }

            if (_retryAfter.TryGetValue(key, out var retryAt) && retryAt > now)
            {
                continue;
            }

            var early = entry.DueAt > now;
            if (!early)
            {
                await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_inFlight.TryAdd(key, completion.Task))
            {
                if (!early)
                {
                    _concurrency.Release();
                }

                if (_inFlight.TryGetValue(key, out running))
                {
                    tasks.Add(running);
                }

                continue;
            }

            started++;
            tasks.Add(completion.Task);
            if (early)
            {
                _wakeup.Scheduled(entry.GrainId, entry.Name, key);
                _lag.RecordReadAhead();
                _ = DeliverWhenDueAsync(entry, key, completion);
            }
            else
            {
                _ = DeliverAsync(entry, key, completion);
            }
        }

        return (tasks, started);
    }

    /// <summary>
    /// A tick read ahead: waits for its due time, then takes a delivery slot and delivers it, unless its reminder was
    /// registered again or removed meanwhile (its row is then new or gone, and a later poll reads what is there now).
    /// </summary>
    private async Task DeliverWhenDueAsync(ReminderEntry entry, TickKey key, TaskCompletionSource completion)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waitingForDue[key] = release;
        try
        {
            var wait = entry.DueAt - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                var delay = Task.Delay(wait, _time, timer.Token);
                if (await Task.WhenAny(delay, release.Task).ConfigureAwait(false) == delay)
                {
                    await delay.ConfigureAwait(false);
                }
                else
                {
                    await timer.CancelAsync().ConfigureAwait(false);
                }
            }

            _waitingForDue.TryRemove(key, out _);
            if (!_wakeup.TryClaim(entry.GrainId, entry.Name, key))
            {
                _lag.RecordDropped();
                Finish(key, completion, holdsSlot: false);
                return;
            }

            await _concurrency.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the tick stays in the table and is delivered after the restart.
            _waitingForDue.TryRemove(key, out _);
            Finish(key, completion, holdsSlot: false);
            return;
        }

        await DeliverAsync(entry, key, completion).ConfigureAwait(false);
    }

    private void Finish(TickKey key, TaskCompletionSource completion, bool holdsSlot)
    {
        _inFlight.TryRemove(key, out _);
        if (holdsSlot)
        {
            _concurrency.Release();
        }

        completion.TrySetResult();
    }

    /// <summary>Delivers a due tick; the caller has taken a delivery slot, which this releases.</summary>
    private async Task DeliverAsync(ReminderEntry entry, TickKey key, TaskCompletionSource completion)
    {
        try
        {
            if (_completed.ContainsKey(key))
            {
                return;
            }

            var deliveredAt = _time.GetUtcNow();
            await _runtime.DeliverReminderAsync(entry.GrainId, entry.Name, new TickStatus(entry.DueAt, entry.Period, deliveredAt)).ConfigureAwait(false);

            // Counted once the grain has it, before the row goes: whoever sees the table without the row sees the delivery counted.
            _lag.RecordDelivery(deliveredAt - entry.DueAt);
            if (entry.Period is { } period)
            {
                var next = NextDue(entry.DueAt, period, _time.GetUtcNow());
                await _table.AdvanceReminderAsync(entry.GrainId, entry.Name, entry.ETag, next, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _table.RemoveReminderAsync(entry.GrainId, entry.Name, entry.ETag, CancellationToken.None).ConfigureAwait(false);
            }

            // Stamped on the monotonic clock, not the silo's TimeProvider: what the minute covers is a poll that read the
            // row just before this delivery and is still working through its list, which takes real time. On a manual
            // clock (tests) a jump of minutes pruned the key under such a poll, which then delivered the tick again.
            _completed[key] = Stopwatch.GetTimestamp();
            _retryAfter.TryRemove(key, out _);
        }
        catch (Exception ex)
        {
            _lag.RecordFailure();
            _retryAfter[key] = _time.GetUtcNow() + _options.ReminderRetryDelay;
            _log.ReminderFailed(entry.GrainId, entry.Name, _options.ReminderRetryDelay, ex);
        }
        finally
        {
            Finish(key, completion, holdsSlot: true);
        }
    }

    private static DateTimeOffset NextDue(DateTimeOffset due, TimeSpan period, DateTimeOffset now)
    {
        var next = due + period;
        if (next > now)
        {
            return next;
        }

        // Missed ticks (downtime) are not replayed one by one: skip to the first due time after now.
        var missed = (now - due).Ticks / period.Ticks;
        return due + TimeSpan.FromTicks(period.Ticks * (missed + 1));
    }

    private void Prune(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastPrune);
        if (_time.GetElapsedTime(last) < PruneInterval || Interlocked.CompareExchange(ref _lastPrune, _time.GetTimestamp(), last) != last)
        {
            return;
        }

        foreach (var (key, at) in _completed)
        {
            if (Stopwatch.GetElapsedTime(at) > CompletedMemory)
            {
                _completed.TryRemove(key, out _);
            }
        }

        foreach (var (key, at) in _retryAfter)
        {
            if (now - at > TimeSpan.FromHours(1))
            {
                _retryAfter.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct TickKey(GrainId GrainId, string Name, string ETag, DateTimeOffset DueAt);
}
