using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.Sqlite;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Storage;

/// <summary>
/// The SQLite write-ahead log is copied into the database file by the background checkpointer on its clock, not by the
/// writer's commits. Proof by the file itself: a copy of the database file alone (without its log) holds the events
/// only after a checkpoint.
/// </summary>
public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task Checkpointer_IntervalPasses_EventsReachTheDatabaseFile()
    {
        var clock = new ManualTimeProvider();
        var options = TestDatabases.Sqlite("checkpoint");
        await using var storage = new SqliteStorageProvider(options, clock, NullLogger<SqliteStorageProvider>.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        await AppendAsync(storage, 200);
        var beforeCheckpoint = await CountEventsInDatabaseFileAsync(storage.DatabasePath);

        clock.Advance(options.CheckpointInterval);
        await WaitUntilAsync(() => storage.Checkpoints >= 1);
        var afterCheckpoint = await CountEventsInDatabaseFileAsync(storage.DatabasePath);

        Assert.Equal(0, beforeCheckpoint);
        Assert.Equal(200, afterCheckpoint);
    }

    [Fact]
    public async Task Checkpointer_IntervalZero_WriterCheckpointsAsBeforeAndNoBackgroundRuns()
    {
        var clock = new ManualTimeProvider();
        var options = TestDatabases.Sqlite("checkpoint-off");
        options.CheckpointInterval = TimeSpan.Zero;
        await using var storage = new SqliteStorageProvider(options, clock, NullLogger<SqliteStorageProvider>.Instance);
        await storage.InitializeAsync(CancellationToken.None);

        await AppendAsync(storage, 200);
        clock.Advance(TimeSpan.FromMinutes(1));
        var ran = await storage.CheckpointAsync();

        Assert.False(ran);
        Assert.Equal(0, storage.Checkpoints);
        Assert.Equal(0, clock.ActiveTimerCount);
    }

    [Fact]
    public async Task CheckpointAsync_WhileWritesContinue_NothingAcknowledgedIsLost()
    {
        var options = TestDatabases.Sqlite("checkpoint-busy");
        await using (var storage = new SqliteStorageProvider(options, TimeProvider.System, NullLogger<SqliteStorageProvider>.Instance))
        {
            await storage.InitializeAsync(CancellationToken.None);
            var writes = Task.WhenAll(Enumerable.Range(0, 8).Select(w => AppendAsync(storage, 100, $"w{w}")));
            while (!writes.IsCompleted)
            {
                await storage.CheckpointAsync();
            }

            await writes;
        }

        await using var reopened = new SqliteStorageProvider(options, TimeProvider.System, NullLogger<SqliteStorageProvider>.Instance);
        await reopened.InitializeAsync(CancellationToken.None);
        var feed = await reopened.ReadFeedAsync(0, 10_000, CancellationToken.None);
        Assert.Equal(800, feed.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), (await reopened.LoadAsync(new GrainId("order", "w7"), CancellationToken.None)).Events.Select(e => e.Version));
    }

    private static async Task AppendAsync(SqliteStorageProvider storage, int count, string key = "cp-1")
    {
        var grain = new GrainId("order", key);
        for (var version = 0; version < count; version++)
        {
            var record = new EventRecord("Noted", $$"""{"n":{{version}}}""", "user:test", DateTimeOffset.UnixEpoch);
            await storage.AppendAsync(new AppendRequest(grain, version, [record]), CancellationToken.None);
        }
    }

    /// <summary>Copies the database file alone (its log left behind) and counts the events the copy holds.</summary>
    private static async Task<long> CountEventsInDatabaseFileAsync(string databasePath)
    {
        var copy = Path.Combine(Path.GetDirectoryName(databasePath)!, $"copy-{Guid.NewGuid():N}.db");
        File.Copy(databasePath, copy);
        await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM events";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (TimeSpan.FromSeconds(10).Ticks * TimeProvider.System.TimestampFrequency / TimeSpan.TicksPerSecond);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, "The background checkpoint did not run within 10 s of the clock passing its interval.");
            await Task.Yield();
        }
    }
}
