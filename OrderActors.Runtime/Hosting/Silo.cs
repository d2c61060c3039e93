using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderActors.Runtime.Core;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Hosting;

/// <summary>
/// The silo as a hosted service. Start: initialize storage (schema), mark the run started (<see cref="SiloRun"/>: an
/// unclean stop before it is noted), start the call-timeout sweep, idle collection and the reminder service; once the
/// host has started (it answers calls), the repairs after an unclean stop run in the background. Stop: stop the
/// heartbeat and any repair, stop reminders (waiting for ticks in progress), deactivate every activation
/// (OnDeactivateAsync runs), then mark the stop clean. The storage provider is disposed by the service container with
/// the host.
/// </summary>
public sealed class Silo : IHostedService
{
    private readonly Lock _stopLock = new();
    private Task? _stop;
    private readonly GrainRuntime _runtime;
    private readonly ReminderService _reminders;
    private readonly IStorageProvider _storage;
    private readonly SiloInfo _info;
    private readonly RuntimeLog _log;
    private readonly StorageOptions _storageOptions;
    private readonly GrainTypeRegistry _registry;
    private readonly ILogger<Silo> _logger;
    private readonly SiloRun _run;
    private readonly IHostApplicationLifetime? _lifetime;
    private CancellationTokenRegistration _started;

    internal Silo(GrainRuntime runtime, ReminderService reminders, IStorageProvider storage, SiloInfo info, ILogger<Silo> logger, StorageOptions storageOptions, GrainTypeRegistry registry, SiloRun run, IHostApplicationLifetime? lifetime)
    {
        _run = run;
        _lifetime = lifetime;
        _storageOptions = storageOptions;
        _registry = registry;
        _logger = logger;
        _runtime = runtime;
        _reminders = reminders;
        _storage = storage;
        _info = info;
        _log = new RuntimeLog(logger);
    }

    /// <summary>This silo's id.</summary>
    public string SiloId => _info.Id;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (_storageOptions.RebuildIndex)
        {
            // Before the runtime starts: no grain can append while its index is written from its journal.
            await JournalIndexRebuild.RunAsync(_storage, _registry.Classes, _logger, cancellationToken).ConfigureAwait(false);
        }

        await _run.StartAsync(_info.Id, cancellationToken).ConfigureAwait(false);
        _info.MarkStarted(_runtime.Time);
        _runtime.Start();
        _reminders.Start();
        _log.SiloStarted(_info.Id, _storage.ProviderName);

        // The repair waits until the host has started (the API answers, /health/live included): it never delays a start.
        if (_lifetime is null)
        {
            _run.StartRecovery();
        }
        else
        {
            _started = _lifetime.ApplicationStarted.Register(static run => ((SiloRun)run!).StartRecovery(), _run);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Hosts may stop twice (WebApplicationFactory stops, then app.Run's own shutdown, which disposes the services as
        // soon as its stop returns; or it comes after they were disposed): only the first stop does anything, and a
        // second one waits for it, so the storage outlives the stop's last write (the clean-stop marker).
        lock (_stopLock)
        {
            return _stop ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await _started.DisposeAsync().ConfigureAwait(false);
        await _run.StopBackgroundAsync().ConfigureAwait(false);
        await _reminders.StopAsync(cancellationToken).ConfigureAwait(false);
        await _runtime.StopAsync(cancellationToken).ConfigureAwait(false);

        // Only after every activation has deactivated: a stop cut off before this leaves the marker "running".
        await _run.MarkStoppedAsync(cancellationToken).ConfigureAwait(false);
        _log.SiloStopped(_info.Id);
    }
}
