using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Storage;

public sealed class PostgresStorageConformanceTests : StorageConformanceTests
{
    protected override Task<StorageOptions> CreateDatabaseAsync() => TestDatabases.PostgresAsync();
}
