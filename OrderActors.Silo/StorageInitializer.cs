using OrderActors.Runtime.Storage;

namespace OrderActors.Silo;

// INTERIM: see InterimStorage.
internal sealed class StorageInitializer(IGrainStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
