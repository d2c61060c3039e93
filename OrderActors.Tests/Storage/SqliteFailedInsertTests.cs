using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Storage;

/// <summary>
/// The SQLite writer's multi-row and returning inserts run as <c>INSERT OR FAIL</c> (no statement journal): a statement
/// that fails part-way keeps its earlier rows until the transaction rolls back. These tests make an insert fail after
/// its precondition passed (a trigger refuses one row, as a damaged database or a full disk would) and show that
/// nothing of the failed append stays, while the writes batched with it still commit.
/// </summary>
public sealed class SqliteFailedInsertTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
    private readonly StorageOptions _options = TestDatabases.Sqlite("failed-insert");
    private IStorageProvider _storage = null!;

    public async Task InitializeAsync()
    {
        _storage = StorageProviderFactory.Create(_options, TimeProvider.System, NullLoggerFactory.Instance);
        await _storage.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Theory]
    [InlineData(1)] // the one-row insert that returns its position
    [InlineData(3)] // a two-row insert, then the one-row insert
    [InlineData(9)] // an eight-row insert, then the one-row insert
    public async Task AppendAsync_LastEventRowRefused_FailsAloneAndLeavesNoRowOfIt(int events)
    {
        var damaged = new GrainId("order", "damaged");
        var healthy = new GrainId("order", "healthy");
        await _storage.AppendAsync(Append(damaged, 0, 1), CancellationToken.None);
        // The last event's row is refused after the earlier rows of its statement went in (FAIL keeps them).
        await ExecuteAsync("CREATE TRIGGER refuse_poison BEFORE INSERT ON events WHEN NEW.event_type = 'Poison' BEGIN SELECT RAISE(FAIL, 'refused'); END");
        var request = Append(damaged, 1, events);
        var poisoned = request with { Events = [.. request.Events.SkipLast(1), request.Events[^1] with { EventType = "Poison" }] };

        var failing = _storage.AppendAsync(poisoned, CancellationToken.None);
        var batchedWithIt = _storage.AppendAsync(Append(healthy, 0, 3), CancellationToken.None);

        await Assert.ThrowsAsync<StorageWriteException>(() => failing);
        Assert.Equal(3, (await batchedWithIt).Version);
        Assert.Equal(["E1"], await ScalarsAsync("SELECT event_type FROM events WHERE grain_key = 'damaged' ORDER BY version"));
        var load = await _storage.LoadAsync(healthy, CancellationToken.None);
        Assert.Equal(["E1", "E2", "E3"], load.Events.Select(e => e.EventType));
        var next = await _storage.AppendAsync(Append(damaged, 1, 1), CancellationToken.None);
        Assert.Equal(2, next.Version);
    }

    private static AppendRequest Append(GrainId grain, long expectedVersion, int events) =>
        new(grain, expectedVersion, [.. Enumerable.Range(1, events).Select(n => new EventRecord($"E{n}", $$"""{"n":{{n}}}""", "user:test", T0.AddSeconds(n)))]);

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(_options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> ScalarsAsync(string sql)
    {
        await using var connection = new SqliteConnection(_options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
