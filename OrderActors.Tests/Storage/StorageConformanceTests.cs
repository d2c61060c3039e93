using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Storage;

/// <summary>
/// The contract every storage provider must keep, run against a real database per provider (one subclass each).
/// Each test gets a fresh database.
/// </summary>
public abstract partial class StorageConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private readonly List<IStorageProvider> _opened = [];
    private StorageOptions? _options;

    protected StorageTestClock Clock { get; } = new(T0);

    protected IStorageProvider Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _options = await CreateDatabaseAsync();
        Storage = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _opened.Distinct())
        {
            await provider.DisposeAsync();
        }
    }

    /// <summary>Whether concurrent appends share transactions (group commit); the in-memory provider applies each on its own.</summary>
    protected virtual bool GroupsCommits => true;

    /// <summary>Creates an empty database and returns the options that reach it.</summary>
    protected abstract Task<StorageOptions> CreateDatabaseAsync();

    /// <summary>
    /// Creates a provider over this test's database (not yet initialized). A provider without a database of its own
    /// (memory) overrides this to hand out views of one shared store, so "reopen" means what it means elsewhere.
    /// </summary>
    protected virtual IStorageProvider CreateProvider(StorageOptions options, TimeProvider time) =>
        StorageProviderFactory.Create(options, time, NullLoggerFactory.Instance);

    /// <summary>Opens (and initializes) a new provider instance on this test's database.</summary>
    protected async Task<IStorageProvider> OpenAsync(Action<StorageOptions>? configure = null)
    {
        var options = new StorageOptions { Provider = _options!.Provider, ConnectionString = _options.ConnectionString };
        configure?.Invoke(options);
        var provider = CreateProvider(options, Clock);
        _opened.Add(provider);
        await provider.InitializeAsync(CancellationToken.None);
        return provider;
    }

    protected static EventRecord Event(string type, int n) =>
        new(type, $$"""{"n":{{n}},"text":"event {{n}}"}""", "user:test", T0.AddSeconds(n));

    protected static AppendRequest Append(GrainId grain, long expectedVersion, params EventRecord[] events) =>
        new(grain, expectedVersion, events);

    [Fact]
    public async Task AppendAsync_NewGrain_LoadReturnsEventsInOrder()
    {
        var grain = new GrainId("order", "tb-1");

        var first = await Storage.AppendAsync(Append(grain, 0, Event("Placed", 1), Event("Paid", 2)), CancellationToken.None);
        var second = await Storage.AppendAsync(Append(grain, 2, Event("Shipped", 3)), CancellationToken.None);
        var load = await Storage.LoadAsync(grain, CancellationToken.None);

        Assert.Equal(2, first.Version);
        Assert.Equal(3, second.Version);
        Assert.True(second.LastPosition > first.LastPosition);
        Assert.Null(load.Snapshot);
        Assert.Equal(3, load.Version);
        Assert.Equal(["Placed", "Paid", "Shipped"], load.Events.Select(e => e.EventType));
        Assert.Equal([1L, 2L, 3L], load.Events.Select(e => e.Version));
        var paid = load.Events[1];
        Assert.Equal(grain, paid.GrainId);
        Assert.Equal("""{"n":2,"text":"event 2"}""", paid.Data);
        Assert.Equal("user:test", paid.Actor);
        Assert.Equal(T0.AddSeconds(2), paid.Timestamp);
        Assert.Equal(second.LastPosition, load.Events[2].Position);
    }

    [Fact]
    public async Task AppendAsync_ManyEventsInOneRequest_AllStoredInOrderAndLastPositionIsTheLastEvents()
    {
        // More events than one multi-row statement carries (SQLite writes them 32, 8 and 2 rows at a time), and an odd remainder.
        var grain = new GrainId("sku", "many-1");
        var other = new GrainId("sku", "many-2");
        await Storage.AppendAsync(Append(other, 0, Event("Other", 0)), CancellationToken.None);

        // Text that must come back byte for byte: CJK, an emoji (a surrogate pair), quotes, a backslash, markup, a tab.
        const string awkward = "{\"name\":\"张三 ✓ 😀 <b>&'\\\"\t\"}";
        var events = Enumerable.Range(1, 75).Select(n => Event($"E{n}", n)).ToArray();
        events[40] = events[40] with { Data = awkward, Actor = "用户:李四" };
        var result = await Storage.AppendAsync(Append(grain, 0, events), CancellationToken.None);
        var after = await Storage.AppendAsync(Append(other, 1, Event("Other", 76)), CancellationToken.None);
        var load = await Storage.LoadAsync(grain, CancellationToken.None);
        var feed = await Storage.ReadFeedAsync(0, 200, CancellationToken.None);

        Assert.Equal(75, result.Version);
        Assert.Equal(Enumerable.Range(1, 75).Select(n => $"E{n}"), load.Events.Select(e => e.EventType));
        Assert.Equal(Enumerable.Range(1, 75).Select(n => (long)n), load.Events.Select(e => e.Version));
        Assert.Equal(Enumerable.Range(1, 75).Select(n => T0.AddSeconds(n)), load.Events.Select(e => e.Timestamp));
        Assert.Equal($$"""{"n":75,"text":"event 75"}""", load.Events[^1].Data);
        Assert.Equal(awkward, load.Events[40].Data);
        Assert.Equal("用户:李四", load.Events[40].Actor);
        Assert.Equal(load.Events[^1].Position, result.LastPosition);
        Assert.Equal(["Other", .. Enumerable.Range(1, 75).Select(n => $"E{n}"), "Other"], feed.Select(e => e.EventType));
        Assert.Equal(feed.Select(e => e.Position).Order(), feed.Select(e => e.Position));
        Assert.True(after.LastPosition > result.LastPosition);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(64)]
    public async Task AppendAsync_EventCountsAroundTheMultiRowSizes_StoresEveryEventOnceInOrder(int count)
    {
        // SQLite writes an append's events 32, 8 and 2 rows per statement, then one: counts on and beside those sizes.
        var grain = new GrainId("sku", $"rows-{count}");
        await Storage.AppendAsync(Append(grain, 0, Event("First", 0)), CancellationToken.None);

        var result = await Storage.AppendAsync(Append(grain, 1, [.. Enumerable.Range(1, count).Select(n => Event($"E{n}", n))]), CancellationToken.None);
        var load = await Storage.LoadAsync(grain, CancellationToken.None);

        Assert.Equal(count + 1, result.Version);
        Assert.Equal(["First", .. Enumerable.Range(1, count).Select(n => $"E{n}")], load.Events.Select(e => e.EventType));
        Assert.Equal(Enumerable.Range(1, count + 1).Select(n => (long)n), load.Events.Select(e => e.Version));
        Assert.Equal(Enumerable.Range(1, count).Select(n => Event("E", n).Data), load.Events.Skip(1).Select(e => e.Data));
        Assert.Equal(load.Events[^1].Position, result.LastPosition);
        Assert.Equal(load.Events.Select(e => e.Position).Order(), load.Events.Select(e => e.Position));
    }

    [Fact]
    public async Task ReadEventsAsync_AfterVersionWithMax_ReturnsThatSliceOldestFirst()
    {
        var grain = new GrainId("order", "tb-2");
        await Storage.AppendAsync(Append(grain, 0, [.. Enumerable.Range(1, 10).Select(n => Event("E", n))]), CancellationToken.None);

        var slice = await Storage.ReadEventsAsync(grain, 3, 4, CancellationToken.None);
        var none = await Storage.ReadEventsAsync(new GrainId("order", "unknown"), 0, 10, CancellationToken.None);

        Assert.Equal([4L, 5L, 6L, 7L], slice.Select(e => e.Version));
        Assert.Empty(none);
    }

    [Fact]
    public async Task LoadAsync_UnknownGrain_ReturnsVersionZero()
    {
        var load = await Storage.LoadAsync(new GrainId("order", "nobody"), CancellationToken.None);

        Assert.Null(load.Snapshot);
        Assert.Empty(load.Events);
        Assert.Equal(0, load.Version);
    }

    [Fact]
    public async Task AppendAsync_StaleExpectedVersion_ThrowsAndWritesNothing()
    {
        var grain = new GrainId("sku", "SKU-1");
        await Storage.AppendAsync(Append(grain, 0, Event("Received", 1), Event("Reserved", 2)), CancellationToken.None);
        var stale = Append(grain, 1, Event("Reserved", 3)) with
        {
            Snapshot = new SnapshotRecord(2, """{"stale":true}""", T0),
            Index = [new IndexEntry("status", "stale")],
        };

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.AppendAsync(stale, CancellationToken.None));
        var fresh = await Storage.AppendAsync(Append(new GrainId("sku", "SKU-2"), 0, Event("Received", 9)), CancellationToken.None);
        var taken = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.AppendAsync(Append(grain, 0, Event("Received", 4)), CancellationToken.None));

        Assert.Equal(grain, error.GrainId);
        Assert.Equal(1, error.ExpectedVersion);
        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(0, taken.ExpectedVersion);
        Assert.Equal(1, fresh.Version);
        var load = await Storage.LoadAsync(grain, CancellationToken.None);
        Assert.Null(load.Snapshot);
        Assert.Equal(["Received", "Reserved"], load.Events.Select(e => e.EventType));
        Assert.Empty(await Storage.QueryIndexAsync(new IndexQuery("sku", [new IndexFilter("status", IndexOperator.Equal, "stale")]), CancellationToken.None));
        Assert.Equal(2, Storage.GetStatistics().Conflicts);
    }

    [Fact]
    public async Task LoadAsync_AfterSnapshot_ReturnsSnapshotAndOnlyLaterEvents()
    {
        var grain = new GrainId("order", "jd-7");
        await Storage.AppendAsync(Append(grain, 0, Event("A", 1), Event("B", 2)), CancellationToken.None);
        await Storage.AppendAsync(Append(grain, 2, Event("C", 3)) with { Snapshot = new SnapshotRecord(3, """{"count":3}""", T0.AddMinutes(1)) }, CancellationToken.None);
        await Storage.AppendAsync(Append(grain, 3, Event("D", 4), Event("E", 5)), CancellationToken.None);

        var load = await Storage.LoadAsync(grain, CancellationToken.None);
        var history = await Storage.ReadEventsAsync(grain, 0, 100, CancellationToken.None);

        Assert.NotNull(load.Snapshot);
        Assert.Equal(3, load.Snapshot.Version);
        Assert.Equal("""{"count":3}""", load.Snapshot.Data);
        Assert.Equal(T0.AddMinutes(1), load.Snapshot.Timestamp);
        Assert.Equal(["D", "E"], load.Events.Select(e => e.EventType));
        Assert.Equal(5, load.Version);
        Assert.Equal(5, history.Count);
    }

    [Fact]
    public async Task AppendAsync_SnapshotWithWrongVersion_IsRejectedBeforeWriting()
    {
        var grain = new GrainId("order", "bad-snapshot");

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(
            Append(grain, 0, Event("A", 1)) with { Snapshot = new SnapshotRecord(5, "{}", T0) }, CancellationToken.None));

        Assert.Equal(0, (await Storage.LoadAsync(grain, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task AppendAsync_DataWithNulCharacter_IsRejectedAndNothingStored()
    {
        var grain = new GrainId("order", "nul");
        var bad = new EventRecord("Placed", "{\"note\":\"a\0b\"}", "user:test", T0);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(Append(grain, 0, bad), CancellationToken.None));
        var documentError = await Assert.ThrowsAsync<ArgumentException>(() => Storage.TryPutDocumentAsync("docs", "nul", "\0", 0, CancellationToken.None));

        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
        Assert.Contains("NUL", documentError.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Storage.LoadAsync(grain, CancellationToken.None)).Version);
        Assert.Null(await Storage.GetDocumentAsync("docs", "nul", CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_IndexEntryWithoutValueOrWithNul_IsRejectedAndTheOldIndexStays()
    {
        var grain = new GrainId("order", "bad-index");
        await Storage.AppendAsync(Append(grain, 0, Event("Placed", 1)) with { Index = [new IndexEntry("status", "Placed")] }, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(
            Append(grain, 1, Event("Paid", 2)) with { Index = [new IndexEntry("channel", "own"), new IndexEntry("status", null!)] }, CancellationToken.None));
        var nul = await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(
            Append(grain, 1, Event("Paid", 2)) with { Index = [new IndexEntry("status", "Pa\0id")] }, CancellationToken.None));

        Assert.Contains("NUL", nul.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Storage.LoadAsync(grain, CancellationToken.None)).Version);
        var found = Assert.Single(await Storage.QueryIndexAsync(new IndexQuery("order", [new IndexFilter("status", IndexOperator.Equal, "Placed")]), CancellationToken.None));
        Assert.Equal(new Dictionary<string, string> { ["status"] = "Placed" }, found.Entries);
    }

    [Fact]
    public async Task AppendAsync_TwoHundredGrainsAtOnceWithOneStale_OnlyTheStaleOneFailsAndCommitsAreShared()
    {
        var staleGrain = new GrainId("sku", "stale");
        await Storage.AppendAsync(Append(staleGrain, 0, Event("Received", 1)), CancellationToken.None);
        var before = Storage.GetStatistics();
        var grains = Enumerable.Range(0, 199).Select(i => new GrainId("order", $"own-{i:D3}")).ToList();

        var appends = grains.Select(g => Storage.AppendAsync(Append(g, 0, Event("Placed", 1), Event("Paid", 2)), CancellationToken.None)).ToList();
        var staleAppend = Storage.AppendAsync(Append(staleGrain, 0, Event("Received", 2)), CancellationToken.None);
        var results = await Task.WhenAll(appends);
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => staleAppend);
        var after = Storage.GetStatistics();

        Assert.All(results, r => Assert.Equal(2, r.Version));
        Assert.Equal(199, results.Select(r => r.LastPosition).Distinct().Count());
        Assert.Equal(staleGrain, error.GrainId);
        Assert.Equal(1, error.ActualVersion);
        var reopened = await OpenAsync();
        foreach (var grain in grains)
        {
            Assert.Equal(2, (await reopened.LoadAsync(grain, CancellationToken.None)).Version);
        }

        Assert.Equal(1, (await reopened.LoadAsync(staleGrain, CancellationToken.None)).Version);
        var writes = after.Writes - before.Writes;
        var commits = after.Commits - before.Commits;
        Assert.Equal(200, writes);
        Assert.Equal(1, after.Conflicts - before.Conflicts);
        if (GroupsCommits)
        {
            Assert.True(commits < writes, $"200 concurrent appends took {commits} commits; group commit should share transactions.");
            Assert.True(after.AverageBatchSize > 1);
            Assert.True(after.CommitLatencyP99Ms >= after.CommitLatencyP50Ms && after.CommitLatencyP50Ms > 0);
        }
        else
        {
            Assert.Equal(writes, commits);
        }
    }

    [Fact]
    public async Task AppendAsync_TwoFirstAppendsToOneGrainInOneBatch_SecondConflicts()
    {
        var grain = new GrainId("customer", "13800000000");

        var attempts = Enumerable.Range(1, 10).Select(n => Storage.AppendAsync(Append(grain, 0, Event("Created", n)), CancellationToken.None)).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(ok => ok));
        var load = await Storage.LoadAsync(grain, CancellationToken.None);
        Assert.Single(load.Events);
    }

    [Fact]
    public async Task AppendAsync_SuccessiveAppendsToOneGrainQueuedTogether_AllCommitInOrder()
    {
        var grain = new GrainId("sku", "queued");

        var appends = Enumerable.Range(0, 5).Select(v => Storage.AppendAsync(Append(grain, v, Event($"E{v + 1}", v + 1)), CancellationToken.None)).ToList();
        var results = await Task.WhenAll(appends);
        var load = await Storage.LoadAsync(grain, CancellationToken.None);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], results.Select(r => r.Version));
        Assert.Equal(["E1", "E2", "E3", "E4", "E5"], load.Events.Select(e => e.EventType));
        Assert.Equal(load.Events.Select(e => e.Position).Order(), load.Events.Select(e => e.Position));
    }

    [Fact]
    public async Task AppendAsync_GroupCommitOff_EachWriteIsItsOwnCommit()
    {
        var baseline = await OpenAsync(o => o.GroupCommit = false);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            baseline.AppendAsync(Append(new GrainId("order", $"solo-{i}"), 0, Event("Placed", i)), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(1, r.Version));
        var stats = baseline.GetStatistics();
        Assert.Equal(20, stats.Writes);
        Assert.Equal(20, stats.Commits);
    }

    [Fact]
    public async Task ListGrainKeysAsync_Paged_ReturnsKeysOfTypeInOrder()
    {
        foreach (var key in new[] { "c", "a", "d", "b" })
        {
            await Storage.AppendAsync(Append(new GrainId("order", key), 0, Event("Placed", 1)), CancellationToken.None);
        }

        await Storage.AppendAsync(Append(new GrainId("sku", "zzz"), 0, Event("Received", 1)), CancellationToken.None);

        var first = await Storage.ListGrainKeysAsync("order", null, 3, CancellationToken.None);
        var rest = await Storage.ListGrainKeysAsync("order", first[^1], 3, CancellationToken.None);

        Assert.Equal(["a", "b", "c"], first);
        Assert.Equal(["d"], rest);
    }

    [Fact]
    public async Task InitializeAsync_TwiceAndReopened_KeepsSchemaAndData()
    {
        var grain = new GrainId("order", "persisted");
        await Storage.AppendAsync(Append(grain, 0, Event("Placed", 1)), CancellationToken.None);
        await Storage.TryPutDocumentAsync("keys", "k1", """{"role":"admin"}""", 0, CancellationToken.None);

        await Storage.InitializeAsync(CancellationToken.None);
        var reopened = await OpenAsync();
        await reopened.InitializeAsync(CancellationToken.None);
        var appended = await reopened.AppendAsync(Append(grain, 1, Event("Paid", 2)), CancellationToken.None);

        Assert.Equal(2, appended.Version);
        Assert.Equal(2, (await Storage.LoadAsync(grain, CancellationToken.None)).Version);
        Assert.Equal(1, (await reopened.GetDocumentAsync("keys", "k1", CancellationToken.None))?.Version);
    }
}
