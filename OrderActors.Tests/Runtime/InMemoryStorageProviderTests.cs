using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.Memory;
using OrderActors.Runtime.Testing;

namespace OrderActors.Tests.Runtime;

/// <summary>
/// The in-memory provider keeps the storage contracts the runtime relies on (the storage conformance suite also checks
/// reopening a database and group commit, which a non-durable provider has no counterpart for).
/// </summary>
public sealed class InMemoryStorageProviderTests
{
    private static readonly GrainId Grain = new("order", "tb-1");
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryStorageProvider _storage;

    public InMemoryStorageProviderTests() => _storage = new InMemoryStorageProvider(_time);

    [Fact]
    public async Task AppendAsync_StaleVersion_ThrowsAndWritesNothing()
    {
        await _storage.AppendAsync(Append(Grain, 0, "a", "b"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.AppendAsync(Append(Grain, 1, "c"), CancellationToken.None));

        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(2, (await _storage.LoadAsync(Grain, CancellationToken.None)).Version);
        Assert.Equal(1, _storage.GetStatistics().Conflicts);
    }

    [Fact]
    public async Task LoadAsync_AfterSnapshot_ReturnsSnapshotAndLaterEventsOnly()
    {
        await _storage.AppendAsync(Append(Grain, 0, "a", "b") with { Snapshot = new SnapshotRecord(2, "{\"s\":2}", _time.GetUtcNow()) }, CancellationToken.None);
        await _storage.AppendAsync(Append(Grain, 2, "c"), CancellationToken.None);

        var load = await _storage.LoadAsync(Grain, CancellationToken.None);

        Assert.Equal(2, load.Snapshot!.Version);
        Assert.Equal(["c"], load.Events.Select(e => e.EventType));
        Assert.Equal(3, load.Version);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _storage.AppendAsync(Append(Grain, 3, "d") with { Snapshot = new SnapshotRecord(9, "{}", _time.GetUtcNow()) }, CancellationToken.None));
    }

    [Fact]
    public async Task ReadFeedAsync_AfterPosition_ReturnsAllGrainsInPositionOrder()
    {
        var other = new GrainId("order", "tb-2");
        await _storage.AppendAsync(Append(Grain, 0, "a"), CancellationToken.None);
        await _storage.AppendAsync(Append(other, 0, "b"), CancellationToken.None);
        await _storage.AppendAsync(Append(Grain, 1, "c"), CancellationToken.None);

        var feed = await _storage.ReadFeedAsync(1, 10, CancellationToken.None);

        Assert.Equal(["b", "c"], feed.Select(e => e.EventType));
        Assert.Equal([2L, 3L], feed.Select(e => e.Position));
    }

    [Fact]
    public async Task QueryIndexAsync_FiltersAndKeysetPaging_ReturnEachMatchOnceInKeyOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            var request = Append(new GrainId("order", $"k{i}"), 0, "a") with
            {
                Index = [new IndexEntry("status", i % 2 == 0 ? "paid" : "pending"), new IndexEntry("amount", IndexValues.Number(i * 10))],
            };
            await _storage.AppendAsync(request, CancellationToken.None);
        }

        var filters = new[] { new IndexFilter("status", IndexOperator.Equal, "paid"), new IndexFilter("amount", IndexOperator.GreaterOrEqual, IndexValues.Number(10)) };
        var first = await _storage.QueryIndexAsync(new IndexQuery("order", filters) { Limit = 1 }, CancellationToken.None);
        var second = await _storage.QueryIndexAsync(new IndexQuery("order", filters) { Limit = 1, AfterKey = first[0].GrainKey }, CancellationToken.None);
        var third = await _storage.QueryIndexAsync(new IndexQuery("order", filters) { Limit = 1, AfterKey = second[0].GrainKey }, CancellationToken.None);

        Assert.Equal("k2", first[0].GrainKey);
        Assert.Equal("k4", second[0].GrainKey);
        Assert.Empty(third);
    }

    [Fact]
    public async Task Reminders_ETags_GuardRemoveAndAdvance()
    {
        var due = _time.GetUtcNow().AddMinutes(5);
        var etag = await _storage.UpsertReminderAsync(Grain, "hold", due, null, CancellationToken.None);
        var moved = await _storage.UpsertReminderAsync(Grain, "hold", due.AddMinutes(1), null, CancellationToken.None);

        var removedWithStale = await _storage.RemoveReminderAsync(Grain, "hold", etag, CancellationToken.None);
        var advancedWithStale = await _storage.AdvanceReminderAsync(Grain, "hold", etag, due.AddHours(1), CancellationToken.None);
        var dueCount = await _storage.CountDueRemindersAsync(due.AddMinutes(1), CancellationToken.None);
        var removed = await _storage.RemoveReminderAsync(Grain, "hold", moved, CancellationToken.None);

        Assert.NotEqual(etag, moved);
        Assert.False(removedWithStale);
        Assert.Null(advancedWithStale);
        Assert.Equal(1, dueCount);
        Assert.True(removed);
        Assert.Null(await _storage.GetReminderAsync(Grain, "hold", CancellationToken.None));
    }

    [Fact]
    public async Task Documents_VersionsGuardWritesAndCreateIfAbsentIsAtomic()
    {
        var created = await _storage.TryPutDocumentAsync("keys", "k1", "{\"v\":1}", 0, CancellationToken.None);
        var createdAgain = await _storage.TryPutDocumentAsync("keys", "k1", "{\"v\":9}", 0, CancellationToken.None);
        var updated = await _storage.TryPutDocumentAsync("keys", "k1", "{\"v\":2}", 1, CancellationToken.None);
        var stale = await _storage.TryPutDocumentAsync("keys", "k1", "{\"v\":3}", 1, CancellationToken.None);

        Assert.Equal(1, created);
        Assert.Null(createdAgain);
        Assert.Equal(2, updated);
        Assert.Null(stale);
        Assert.Equal("{\"v\":2}", (await _storage.GetDocumentAsync("keys", "k1", CancellationToken.None))!.Data);
    }

    private AppendRequest Append(GrainId grain, long expected, params string[] types) =>
        new(grain, expected, types.Select(t => new EventRecord(t, "{}", "test", _time.GetUtcNow())).ToList());
}
