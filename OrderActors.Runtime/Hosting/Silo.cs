using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderActors.Runtime.Core;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Hosting;

/// <summary>
/// The silo as a hosted service. Start: initialize storage (schema), start the call-timeout sweep, idle collection and
/// the reminder service. Stop: stop reminders (waiting for ticks in progress), then deactivate every activation
/// (OnDeactivateAsync runs). The storage provider is disposed by the service container with the host.
/// </summary>
public sealed class Silo : IHostedService
{
    private int _stopped;
    private readonly GrainRuntime _runtime;
    private readonly ReminderService _reminders;
    private readonly IStorageProvider _storage;
    private readonly SiloInfo _info;
    private readonly RuntimeLog _log;
    private readonly StorageOptions _storageOptions;
    private readonly GrainTypeRegistry _registry;
    private readonly ILogger<Silo> _logger;

    internal Silo(GrainRuntime runtime, ReminderService reminders, IStorageProvider storage, SiloInfo info, ILogger<Silo> logger, StorageOptions storageOptions, GrainTypeRegistry registry)
    {
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

        _info.MarkStarted(_runtime.Time);
        _runtime.Start();
        _reminders.Start();
        _log.SiloStarted(_info.Id, _storage.ProviderName);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Hosts may stop twice (WebApplicationFactory stops, then app.Run's own shutdown); the second stop may come
        // after the services were disposed, so only the first one does anything.
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _reminders.StopAsync(cancellationToken).ConfigureAwait(false);
        await _runtime.StopAsync(cancellationToken).ConfigureAwait(false);
        _log.SiloStopped(_info.Id);
    }
}
