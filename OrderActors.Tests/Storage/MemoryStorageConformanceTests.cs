using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.Memory;

namespace OrderActors.Tests.Storage;

/// <summary>
/// The in-memory provider against the same contract. It has no database of its own: every "reopen" of a test gets the
/// test's one store, which is what reopening a database means for the others.
/// </summary>
public sealed class MemoryStorageConformanceTests : StorageConformanceTests
{
    private InMemoryStorageProvider? _store;

    protected override bool GroupsCommits => false;

    protected override Task<StorageOptions> CreateDatabaseAsync() => Task.FromResult(new StorageOptions { Provider = "memory" });

    protected override IStorageProvider CreateProvider(StorageOptions options, TimeProvider time) => _store ??= new InMemoryStorageProvider(time);
}
