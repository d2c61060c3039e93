using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Runtime.Core;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Hosting;

/// <summary>
/// Tells a clean stop from a kill, and has what a kill left half done repaired. A stored marker (document
/// <see cref="Collection"/>/<see cref="Key"/>) says "running" from the start until a clean stop, after every activation
/// has deactivated, says otherwise; while running, the silo writes a heartbeat into it every
/// <see cref="RuntimeOptions.HeartbeatInterval"/>. A start that finds it running knows the silo before was killed, and
/// about when: the window of an <see cref="UncleanStop"/> is placed around the last heartbeat. The stop is kept in the
/// marker until every <see cref="IUncleanStopRecovery"/> has finished with it, so a kill during the repair repeats it.
/// One silo per database: a second silo sharing the marker would be taken for a killed one (the repair is harmless, but
/// idle work) and is logged.
/// </summary>
public sealed class SiloRun
{
    /// <summary>The marker's document collection.</summary>
    public const string Collection = "silo-run";

    /// <summary>The marker's document key.</summary>
    public const string Key = "current";

    /// <summary>Added on both sides of the window: clock reads, the heartbeat's own commit, the recording's turn.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    /// <summary>A recovery that did not finish runs again after this.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDocumentStore _documents;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly RuntimeOptions _options;
    private readonly RuntimeLog _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _reportsLock = new();
    private readonly List<RecoveryReport> _reports = [];
    private SiloRunRecord? _record;
    private long _version;
    private bool _sharedLogged;
    private Task _heartbeat = Task.CompletedTask;
    private Task _recovery = Task.CompletedTask;

    internal SiloRun(IDocumentStore documents, IServiceProvider services, TimeProvider time, IOptions<RuntimeOptions> options, ILogger<SiloRun> logger)
    {
        _documents = documents;
        _services = services;
        _time = time;
        _options = options.Value;
        _log = new RuntimeLog(logger);
    }

    /// <summary>The unclean stop this start found, or <see langword="null"/> when the silo before stopped cleanly (or none ran).</summary>
    public UncleanStop? UncleanStopFound { get; private set; }

    /// <summary>Unclean stops whose repair has not finished (this one's and earlier ones').</summary>
    public IReadOnlyList<UncleanStop> Pending => _record?.Pending ?? [];

    /// <summary>What each recovery did, in order, since this start.</summary>
    public IReadOnlyList<RecoveryReport> Reports
    {
        get
        {
            lock (_reportsLock)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>Completes when no unclean stop is left to repair (at once after a clean stop); not when the silo stops first.</summary>
    public Task Recovered => _recovered.Task;

    /// <summary>Reads the marker, notes an unclean stop, and marks this silo running; then starts the heartbeat.</summary>
    internal async Task StartAsync(string siloId, CancellationToken cancellationToken)
    {
        if (_options.HeartbeatInterval <= TimeSpan.Zero || _options.HeartbeatInterval == Timeout.InfiniteTimeSpan)
        {
            throw new InvalidOperationException($"{RuntimeOptions.SectionName}:HeartbeatInterval must be positive.");
        }

        var now = _time.GetUtcNow();
        var stored = await _documents.GetDocumentAsync(Collection, Key, cancellationToken).ConfigureAwait(false);
        var previous = stored is null ? null : JsonSerializer.Deserialize<SiloRunRecord>(stored.Data, Json);
        _version = stored?.Version ?? 0;
        var pending = new List<UncleanStop>(previous?.Pending ?? []);
        if (previous is { Running: true })
        {
            // Work cut off by the kill started at most one call timeout before it (a call still waiting past that has
            // failed), and the kill came before the next heartbeat was due.
            var callTimeout = _options.CallTimeout > TimeSpan.Zero && _options.CallTimeout != Timeout.InfiniteTimeSpan ? _options.CallTimeout : TimeSpan.Zero;
            var to = previous.HeartbeatAt + _options.HeartbeatInterval + Margin;
            UncleanStopFound = new UncleanStop(previous.SiloId, previous.HeartbeatAt, previous.HeartbeatAt - callTimeout - Margin, to < now ? to : now);
            pending.Add(UncleanStopFound);
            _log.UncleanStopFound(previous.SiloId, previous.HeartbeatAt, UncleanStopFound.From, UncleanStopFound.To);
        }

        await WriteAsync(_ => new SiloRunRecord(siloId, Running: true, now, now, pending), cancellationToken).ConfigureAwait(false);
        _heartbeat = HeartbeatAsync(_stopping.Token);
    }

    /// <summary>Repairs the pending unclean stops in the background (called once the silo takes calls).</summary>
    internal void StartRecovery()
    {
        if (Pending.Count == 0)
        {
            _recovered.TrySetResult();
            return;
        }

        _recovery = Task.Run(() => RecoverAsync(_stopping.Token));
    }

    /// <summary>Stops the heartbeat and the recovery (a recovery cut off stays pending) and waits for both.</summary>
    internal async Task StopBackgroundAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _recovery.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>After every activation has deactivated: the marker says this silo stopped cleanly (pending stops stay).</summary>
    internal async Task MarkStoppedAsync(CancellationToken cancellationToken)
    {
        // A start that failed before marking the run leaves the marker as it found it (a kill before stays a kill). A
        // write that fails leaves it "running": the next start repairs a window with nothing in it; the stop goes on.
        if (_record is not null)
        {
            var now = _time.GetUtcNow();
            await TryWriteAsync(r => r! with { Running = false, HeartbeatAt = now }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.HeartbeatInterval, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // A missed heartbeat is not retried: the next one comes, and the window uses the last one written.
            var now = _time.GetUtcNow();
            await TryWriteAsync(r => r! with { HeartbeatAt = now }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><see cref="WriteAsync"/>; a failure is logged (false), and one cut off by the stop is silent.</summary>
    private async Task<bool> TryWriteAsync(Func<SiloRunRecord?, SiloRunRecord> change, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(change, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // Storage briefly down: the heartbeat comes again, a finished stop's removal is retried.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _log.RunMarkerWriteFailed(exception);
            return false;
        }
    }

    /// <summary>Each pending stop in turn: every recovery, then the stop leaves the marker; one that did not finish is retried.</summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var recoveries = _services.GetServices<IUncleanStopRecovery>().ToList();
        while (!cancellationToken.IsCancellationRequested && Pending.Count > 0)
        {
            var stop = Pending[0];
            var finished = true;
            foreach (var recovery in recoveries)
            {
                finished &= await RunAsync(recovery, stop, cancellationToken).ConfigureAwait(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (finished && await TryWriteAsync(r => r! with { Pending = [.. r.Pending.Where(p => p != stop)] }, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await Task.Delay(RetryDelay, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (Pending.Count == 0)
        {
            _recovered.TrySetResult();
        }
    }

    private async Task<bool> RunAsync(IUncleanStopRecovery recovery, UncleanStop stop, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            var report = await recovery.RecoverAsync(stop, cancellationToken).ConfigureAwait(false);
            lock (_reportsLock)
            {
                _reports.Add(report);
            }

            _log.RecoveryFinished(recovery.Name, stop.SiloId, stop.From, stop.To, _time.GetElapsedTime(started).TotalMilliseconds, report.Examined, report.Repaired, report.Failed);
            if (report.Failed > 0)
            {
                _log.RecoveryFailed(recovery.Name, stop.SiloId, RetryDelay, null);
            }

            return report.Failed == 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // The stop stays pending: retried after a delay, or at the next start.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _log.RecoveryFailed(recovery.Name, stop.SiloId, RetryDelay, exception);
            return false;
        }
    }

    /// <summary>
    /// Writes the marker changed by <paramref name="change"/>, one writer at a time. A version conflict means another silo
    /// wrote it (one per database is assumed): its pending stops are kept, the rest is this silo's.
    /// </summary>
    private async Task WriteAsync(Func<SiloRunRecord?, SiloRunRecord> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = change(_record);
            var version = await _documents.TryPutDocumentAsync(Collection, Key, JsonSerializer.Serialize(next, Json), _version, cancellationToken).ConfigureAwait(false);
            if (version is null)
            {
                if (!_sharedLogged)
                {
                    _sharedLogged = true;
                    _log.RunMarkerShared();
                }

                var stored = await _documents.GetDocumentAsync(Collection, Key, cancellationToken).ConfigureAwait(false);
                var theirs = stored is null ? [] : JsonSerializer.Deserialize<SiloRunRecord>(stored.Data, Json)?.Pending ?? [];
                next = next with { Pending = [.. next.Pending.Union(theirs)] };
                version = await _documents.TryPutDocumentAsync(Collection, Key, JsonSerializer.Serialize(next, Json), stored?.Version ?? 0, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The silo run marker changed twice while this silo wrote it.");
            }

            (_record, _version) = (next, version.Value);
        }
        finally
        {
            _gate.Release();
        }
    }
}
