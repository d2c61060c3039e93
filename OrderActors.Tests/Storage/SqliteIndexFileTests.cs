using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.Sqlite;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Storage;

/// <summary>
/// The SQLite query index in a file of its own, written after the append's commit from <c>index_log</c>
/// (<see cref="SqliteIndexStore"/>): what a crash leaves is written at the next start, an older database's index moves
/// over, the log does not grow, and a query never answers from an index that failed to catch up.
/// </summary>
public sealed class SqliteIndexFileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task InitializeAsync_LoggedChangesTheIndexFileNeverGot_WritesThemBeforeTheFirstQuery()
    {
        var options = TestDatabases.Sqlite("index-catch-up");
        await using (var storage = await OpenAsync(options))
        {
            await storage.AppendAsync(Append("own-1", 0, ("status", "Paid")), CancellationToken.None);
        }

        // What a SIGKILL between the append's commit and the index file's leaves: the change is only in the log.
        await ExecuteAsync(options, """
            INSERT INTO events (grain_type, grain_key, version, event_type, data, actor, ts) VALUES ('order', 'own-2', 1, 'E', '{}', 'test', 0);
            INSERT INTO index_log (seq, grain_type, grain_key, entries) VALUES
                ((SELECT COALESCE(MAX(seq), 0) + 1000 FROM index_log), 'order', 'own-2', '{"status":"PendingPayment"}'),
                ((SELECT COALESCE(MAX(seq), 0) + 2000 FROM index_log), 'order', 'own-1', '{"status":"Shipped"}');
            """);

        await using (var reopened = await OpenAsync(options))
        {
            Assert.Equal(["own-2"], await KeysAsync(reopened, "PendingPayment"));
            Assert.Equal(["own-1"], await KeysAsync(reopened, "Shipped"));
            Assert.Empty(await KeysAsync(reopened, "Paid"));
            // Later changes are numbered after the ones written at start, so they are not taken for written ones.
            await reopened.AppendAsync(Append("own-3", 0, ("status", "Paid")), CancellationToken.None);
        }

        await using var third = await OpenAsync(options);
        Assert.Equal(["own-3"], await KeysAsync(third, "Paid"));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseWithTheIndexInTheMainFile_MovesItToTheIndexFile()
    {
        var options = TestDatabases.Sqlite("index-move");
        // What schema 2 left: the index in the main file, no log.
        await ExecuteAsync(options, $"""
            CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL);
            {SqliteMigrations.All[0].Sql};
            {SqliteMigrations.All[1].Sql};
            INSERT INTO schema_version VALUES (1, 'v1', 0), (2, 'v2', 0);
            INSERT INTO events (grain_type, grain_key, version, event_type, data, actor, ts) VALUES ('order', 'own-1', 1, 'E', '{"{}"}', 'test', 0);
            INSERT INTO grain_index VALUES ('order', 'own-1', 'status', 'Paid'), ('order', 'own-1', 'channel', 'own');
            """);

        await using var storage = await OpenAsync(options);

        var found = Assert.Single(await storage.QueryIndexAsync(Status("Paid"), CancellationToken.None));
        Assert.Equal(("own-1", "own"), (found.GrainKey, found.Entries["channel"]));
        Assert.Equal([0L], await ScalarsAsync(options, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'grain_index'"));
        await storage.AppendAsync(Append("own-1", 1, ("status", "Shipped"), ("channel", "own")), CancellationToken.None);
        Assert.Equal(["own-1"], await KeysAsync(storage, "Shipped"));
    }

    [Fact]
    public async Task AppendAsync_ThousandsOfChanges_TheLogIsDeletedOnceTheIndexFileHasThem()
    {
        var options = TestDatabases.Sqlite("index-trim");
        await using var storage = await OpenAsync(options);

        for (var round = 0; round < 4; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
                storage.AppendAsync(Append($"own-{i:D3}", round, ("status", $"S{round}")), CancellationToken.None)));
            Assert.Equal(500, (await storage.QueryIndexAsync(Status($"S{round}") with { Limit = 1000 }, CancellationToken.None)).Count);
        }

        await storage.AppendAsync(Append("own-last", 0, ("status", "Last")), CancellationToken.None);

        var logged = (long)(await ScalarsAsync(options, "SELECT COUNT(*) FROM index_log"))[0]!;
        Assert.InRange(logged, 1, 512);
    }

    [Fact]
    public async Task QueryIndexAsync_IndexFileRefusesAWrite_FailsUntilItCanCatchUpWhileAppendsGoOn()
    {
        var options = TestDatabases.Sqlite("index-fails");
        await using var storage = await OpenAsync(options);
        await storage.AppendAsync(Append("own-1", 0, ("status", "Paid")), CancellationToken.None);
        Assert.Equal(["own-1"], await KeysAsync(storage, "Paid"));
        var indexFile = new StorageOptions { ConnectionString = $"Data Source={SqliteIndexStore.PathFor(((SqliteStorageProvider)storage).DatabasePath)}" };
        await ExecuteAsync(indexFile, "CREATE TRIGGER refuse BEFORE INSERT ON grain_index WHEN NEW.value = 'Poisoned' BEGIN SELECT RAISE(FAIL, 'refused'); END");

        var appended = await storage.AppendAsync(Append("own-2", 0, ("status", "Poisoned")), CancellationToken.None);
        var failed = await Assert.ThrowsAsync<StorageWriteException>(() => KeysAsync(storage, "Poisoned"));
        var stillStored = await storage.AppendAsync(Append("own-2", 1, ("status", "Poisoned")), CancellationToken.None);
        await ExecuteAsync(indexFile, "DROP TRIGGER refuse");

        Assert.Contains("query index", failed.Message, StringComparison.Ordinal);
        Assert.Equal((1, 2), (appended.Version, stillStored.Version));
        Assert.Equal(["own-2"], await KeysAsync(storage, "Poisoned"));
        Assert.Equal(["own-1"], await KeysAsync(storage, "Paid"));
    }

    [Fact]
    public async Task InitializeAsync_IndexFileDeletedAfterTheLogWasTrimmed_RefusesToStartAndSaysWhatToRestore()
    {
        var options = TestDatabases.Sqlite("index-lost");
        string indexPath;
        await using (var storage = await OpenAsync(options))
        {
            indexPath = SqliteIndexStore.PathFor(((SqliteStorageProvider)storage).DatabasePath);
            await Task.WhenAll(Enumerable.Range(0, 600).Select(i => storage.AppendAsync(Append($"own-{i:D3}", 0, ("status", "Paid")), CancellationToken.None)));
            Assert.Equal(600, (await storage.QueryIndexAsync(Status("Paid") with { Limit = 1000 }, CancellationToken.None)).Count);
            await storage.AppendAsync(Append("own-last", 0, ("status", "Paid")), CancellationToken.None);
        }

        Assert.True((long)(await ScalarsAsync(options, "SELECT trimmed_through FROM index_log_state"))[0]! >= 600);
        SqliteConnection.ClearAllPools();
        DeleteDatabaseFiles(indexPath);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(options));

        Assert.Contains($"The query index file {indexPath} is behind its database", refused.Message, StringComparison.Ordinal);
        Assert.Contains("restore both files from the same backup", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_DatabaseRestoredFromAnOlderBackupThanItsIndexFile_RefusesToStart()
    {
        var options = TestDatabases.Sqlite("index-ahead");
        var path = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        await using (var storage = await OpenAsync(options))
        {
            await storage.AppendAsync(Append("own-1", 0, ("status", "Paid")), CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        var backup = path + ".backup";
        File.Copy(path, backup);
        await using (var storage = await OpenAsync(options))
        {
            await storage.AppendAsync(Append("own-2", 0, ("status", "Paid")), CancellationToken.None);
            Assert.Equal(2, (await storage.QueryIndexAsync(Status("Paid"), CancellationToken.None)).Count);
        }

        SqliteConnection.ClearAllPools();
        DeleteDatabaseFiles(path);
        File.Move(backup, path);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(options));

        Assert.Contains("is ahead of its database", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_IndexFileDamaged_RefusesToStartNamingTheFile()
    {
        var options = TestDatabases.Sqlite("index-damaged");
        var path = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        await File.WriteAllTextAsync(SqliteIndexStore.PathFor(path), new string('x', 8192));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(options));

        Assert.Contains($"The query index file {SqliteIndexStore.PathFor(path)} cannot be opened", refused.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(refused.InnerException);
    }

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

        private static async Task<IStorageProvider> OpenAsync(StorageOptions options)
    {
        var storage = StorageProviderFactory.Create(options, TimeProvider.System, NullLoggerFactory.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    private static IndexQuery Status(string status) => new("order", [new IndexFilter("status", IndexOperator.Equal, status)]);

    private static async Task<IReadOnlyList<string>> KeysAsync(IStorageProvider storage, string status) =>
        [.. (await storage.QueryIndexAsync(Status(status), CancellationToken.None)).Select(g => g.GrainKey)];

    private static AppendRequest Append(string key, long expectedVersion, params (string Name, string Value)[] index) =>
        new(new GrainId("order", key), expectedVersion, [new EventRecord("E", "{}", "user:test", T0)])
        {
            Index = [.. index.Select(e => new IndexEntry(e.Name, e.Value))],
        };

    private static async Task ExecuteAsync(StorageOptions options, string sql)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<object?>> ScalarsAsync(StorageOptions options, string sql)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }
}
