using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.Sqlite;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Storage;

/// <summary>
/// A database written by schema 1 (a <c>grain_heads</c> row per grain) opened by today's code: schema 2 drops the
/// table, and a grain's version, its conflicts and the grain listing then come from its events.
/// </summary>
public sealed class SqliteSchemaUpgradeTests
{
    [Fact]
    public async Task InitializeAsync_SchemaOneDatabase_DropsHeadsAndKeepsEveryGrainsVersion()
    {
        var options = TestDatabases.Sqlite("schema-1");
        await using (var connection = new SqliteConnection(options.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // What schema 1's writer left: two grains' events and their heads.
            command.CommandText = $"""
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL);
                {SqliteMigrations.All[0].Sql};
                INSERT INTO schema_version VALUES (1, 'v1', 0);
                INSERT INTO events (grain_type, grain_key, version, event_type, data, actor, ts) VALUES
                    ('order', 'own-1', 1, 'E1', '{"{}"}', 'test', 0), ('order', 'own-1', 2, 'E2', '{"{}"}', 'test', 0),
                    ('order', 'own-2', 1, 'E1', '{"{}"}', 'test', 0);
                INSERT INTO grain_heads VALUES ('order', 'own-1', 2), ('order', 'own-2', 1);
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var storage = StorageProviderFactory.Create(options, TimeProvider.System, NullLoggerFactory.Instance);
        await storage.InitializeAsync(CancellationToken.None);

        Assert.Equal(["own-1", "own-2"], await storage.ListGrainKeysAsync("order", null, 10, CancellationToken.None));
        var stale = storage.AppendAsync(Append("own-1", 1), CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        Assert.Equal(3, (await storage.AppendAsync(Append("own-1", 2), CancellationToken.None)).Version);
        Assert.Equal(2, (await storage.AppendAsync(Append("own-2", 1), CancellationToken.None)).Version);
        await using var check = new SqliteConnection(options.ConnectionString);
        await check.OpenAsync();
        await using var tables = check.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'grain_heads'";
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    private static AppendRequest Append(string key, long expectedVersion) =>
        new(new GrainId("order", key), expectedVersion, [new EventRecord("Next", "{}", "user:test", DateTimeOffset.UnixEpoch)]);
}
