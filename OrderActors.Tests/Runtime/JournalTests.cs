using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class JournalTests
{
    private static readonly GrainId TallyId = new("tally", "t1");
    private readonly TestProbe _probe = new();

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Append_AppliesEventsAndPersistsThem(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");

        await tally.AddAsync(5);
        await tally.AddAsync(7);

        Assert.Equal(new TallyView(12, 2, 2), await tally.GetAsync());
        var stored = await cluster.Storage.ReadEventsAsync(TallyId, 0, 10, CancellationToken.None);
        Assert.Equal(["test.tally.added", "test.tally.added"], stored.Select(e => e.EventType));
        Assert.Equal("{\"amount\":7}", stored[1].Data);
        Assert.Equal([1L, 2L], stored.Select(e => e.Version));
        Assert.All(stored, e => Assert.Equal("test", e.Actor));
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Append_EverySnapshotInterval_WritesSnapshotAndIndex(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");

        for (var i = 1; i <= 7; i++)
        {
            await tally.AddAsync(i);
        }

        var load = await cluster.Storage.LoadAsync(TallyId, CancellationToken.None);
        Assert.Equal(6, load.Snapshot!.Version);
        Assert.Single(load.Events);
        Assert.Equal(7, load.Version);
        var found = await cluster.Storage.QueryIndexAsync(
            new IndexQuery("tally", [new IndexFilter("parity", IndexOperator.Equal, "even")]), CancellationToken.None);
        Assert.Equal(IndexValues.Number(28), Assert.Single(found).Entries["total"]);
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Append_StateLargerThan64KiB_NextSnapshotWaitsForFourTimesItsSizeInEvents(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var grain = cluster.GetGrain<IBulkGrain>("b1");
        var id = new GrainId("bulk", "b1");
        var text = new string('x', 1_100);
        var snapshots = new List<(long Version, int Chars)>();
        for (var i = 0; i < 330; i++)
        {
            await grain.AddAsync(text);
            var load = await cluster.Storage.LoadAsync(id, CancellationToken.None);
            if (load.Snapshot is { } snapshot && (snapshots.Count == 0 || snapshots[^1].Version != snapshot.Version))
            {
                snapshots.Add((snapshot.Version, snapshot.Data.Length));
            }
        }

        var events = await cluster.Storage.ReadEventsAsync(id, 0, 1_000, CancellationToken.None);
        long CharsBetween(long after, long upTo) => events.Where(e => e.Version > after && e.Version <= upTo).Sum(e => (long)e.Data.Length);
        var large = snapshots.FindIndex(s => s.Chars > 64 * 1024);

        // Small snapshots every interval (3 events here); the first one over 64 KiB is followed by the next only once the
        // events written since add up to four times its size, and at the first append that gets there.
        Assert.All(snapshots.Take(large + 1).Zip(snapshots.Skip(1).Take(large)), p => Assert.Equal(3, p.Second.Version - p.First.Version));
        Assert.True(snapshots.Count > large + 1, $"a second large snapshot within 330 appends; snapshots at {string.Join(", ", snapshots)}");
        var (from, size) = snapshots[large];
        var next = snapshots[large + 1].Version;
        Assert.True(CharsBetween(from, next) >= 4L * size, $"{CharsBetween(from, next)} chars of events before the snapshot at {next}, its predecessor has {size}");
        Assert.True(CharsBetween(from, next - 1) < 4L * size, $"the snapshot at {next} came later than the first append reaching 4 x {size} chars");
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Activation_AfterIdleCollection_RestoresStateFromSnapshotAndEvents(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        for (var i = 1; i <= 7; i++)
        {
            await tally.AddAsync(i);
        }

        await cluster.CollectIdleAsync();
        var view = await tally.GetAsync();

        Assert.Equal(new TallyView(28, 7, 7), view);
        Assert.Equal(2, await tally.GetActivationNumberAsync());
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Activation_AfterRestart_RestoresState(string provider)
    {
        await using var cluster = await StartAsync(provider);
        await cluster.GetGrain<ITallyGrain>("t1").AddAsync(4);
        await cluster.GetGrain<ITallyGrain>("t1").AddAsync(6);

        await cluster.RestartAsync();

        Assert.Equal(new TallyView(10, 2, 2), await cluster.GetGrain<ITallyGrain>("t1").GetAsync());
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Append_WithStaleVersion_ThrowsInconsistentStateAndNextCallSeesReloadedState(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(1);
        await WriteBehindGrainsBackAsync(cluster, expectedVersion: 1, amount: 100);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => tally.AddAsync(5));
        var after = await tally.GetAsync();

        Assert.Equal(1, error.ExpectedVersion);
        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(new TallyView(101, 2, 2), after);
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Append_WithStaleVersion_ReloadsInMemoryStateFromStorageBeforeTheCallerSeesIt(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(1);
        await tally.AddAsync(2);
        await WriteBehindGrainsBackAsync(cluster, expectedVersion: 2, amount: 100);

        var outcome = await tally.AddAndObserveAsync(5);

        // Storage's truth (1 + 2 + the other writer's 100), not the 5 that failed nor the 3 this activation knew.
        Assert.Equal(new AppendOutcome(103, nameof(InconsistentStateException)), outcome);
        Assert.Equal(103, (await tally.GetAsync()).Total);
    }

    [Fact]
    public async Task Append_OfEventTheStateRejects_LeavesStateUnchangedAndStoresNothing()
    {
        await using var cluster = await StartAsync("memory");
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(3);

        var outcome = await tally.AddPoisonedAsync(50);

        Assert.Equal(new AppendOutcome(3, nameof(InvalidOperationException)), outcome);
        Assert.Equal(new TallyView(3, 1, 1), await tally.GetAsync());
        Assert.Single(await cluster.Storage.ReadEventsAsync(TallyId, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Append_OfEventWithoutJournalEventAttribute_FailsClearlyAndChangesNothing()
    {
        await using var cluster = await StartAsync("memory");
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(3);

        var outcome = await tally.AddUnnamedAsync(9);

        Assert.Equal(new AppendOutcome(3, nameof(ArgumentException)), outcome);
        Assert.Equal(new TallyView(3, 1, 1), await tally.GetAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Append_WhileAnotherAppendIsPending_IsRefusedAndFirstStillCommits(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");

        var outcome = await tally.AddTwiceWithoutAwaitingAsync(2, 40);

        Assert.Equal(new AppendOutcome(2, nameof(InvalidOperationException)), outcome);
        Assert.Equal(new TallyView(2, 1, 1), await tally.GetAsync());
        Assert.Single(await cluster.Storage.ReadEventsAsync(TallyId, 0, 10, CancellationToken.None));
    }

    private Task<TestCluster> StartAsync(string provider) =>
        RuntimeTestCluster.StartAsync(provider, _probe, o => o.SnapshotInterval = 3);

    private static Task WriteBehindGrainsBackAsync(TestCluster cluster, long expectedVersion, int amount) =>
        cluster.Storage.AppendAsync(
            new AppendRequest(TallyId, expectedVersion, [new EventRecord("test.tally.added", $"{{\"amount\":{amount}}}", "intruder", cluster.Time.GetUtcNow())]),
            CancellationToken.None);
}
