using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Storage;

public sealed class SqliteStorageConformanceTests : StorageConformanceTests
{
    protected override Task<StorageOptions> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite("conformance"));
}
