using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class JournalTests : IAsyncLifetime
{
    private static readonly GrainId TallyId = new("tally", "t1");
    private readonly TestProbe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await RuntimeTestCluster.StartAsync(_probe, configure: o => o.SnapshotInterval = 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Append_AppliesEventsAndPersistsThem()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");

        await tally.AddAsync(5);
        await tally.AddAsync(7);

        Assert.Equal(new TallyView(12, 2, 2), await tally.GetAsync());
        var stored = await _cluster.Storage.ReadEventsAsync(TallyId, 0, 10, CancellationToken.None);
        Assert.Equal(["test.tally.added", "test.tally.added"], stored.Select(e => e.EventType));
        Assert.Equal("{\"amount\":7}", stored[1].Data);
        Assert.Equal([1L, 2L], stored.Select(e => e.Version));
    }

    [Fact]
    public async Task Append_EverySnapshotInterval_WritesSnapshotAndIndex()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");

        for (var i = 1; i <= 7; i++)
        {
            await tally.AddAsync(i);
        }

        var load = await _cluster.Storage.LoadAsync(TallyId, CancellationToken.None);
        Assert.Equal(6, load.Snapshot!.Version);
        Assert.Single(load.Events);
        Assert.Equal(7, load.Version);
        var found = await _cluster.Storage.QueryIndexAsync(
            new IndexQuery("tally", [new IndexFilter("parity", IndexOperator.Equal, "even")]), CancellationToken.None);
        Assert.Equal(IndexValues.Number(28), Assert.Single(found).Entries["total"]);
    }

    [Fact]
    public async Task Activation_AfterIdleCollection_RestoresStateFromSnapshotAndEvents()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");
        for (var i = 1; i <= 7; i++)
        {
            await tally.AddAsync(i);
        }

        await _cluster.CollectIdleAsync();
        var view = await tally.GetAsync();

        Assert.Equal(new TallyView(28, 7, 7), view);
        Assert.Equal(2, await tally.GetActivationNumberAsync());
    }

    [Fact]
    public async Task Activation_AfterRestart_RestoresState()
    {
        await _cluster.GetGrain<ITallyGrain>("t1").AddAsync(4);
        await _cluster.GetGrain<ITallyGrain>("t1").AddAsync(6);

        await _cluster.RestartAsync();

        Assert.Equal(new TallyView(10, 2, 2), await _cluster.GetGrain<ITallyGrain>("t1").GetAsync());
    }

    [Fact]
    public async Task Append_WithStaleVersion_ThrowsInconsistentStateAndNextCallSeesReloadedState()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(1);
        await WriteBehindGrainsBackAsync(expectedVersion: 1, amount: 100);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => tally.AddAsync(5));
        var after = await tally.GetAsync();

        Assert.Equal(1, error.ExpectedVersion);
        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(new TallyView(101, 2, 2), after);
    }

    [Fact]
    public async Task Append_WithStaleVersion_LeavesInMemoryStateAtLastDurableState()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(1);
        await tally.AddAsync(2);
        await WriteBehindGrainsBackAsync(expectedVersion: 2, amount: 100);

        var outcome = await tally.AddAndObserveAsync(5);

        Assert.Equal(new AppendOutcome(3, nameof(InconsistentStateException)), outcome);
        Assert.Equal(103, (await tally.GetAsync()).Total);
    }

    [Fact]
    public async Task Append_OfEventTheStateRejects_LeavesStateUnchangedAndStoresNothing()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(3);

        var outcome = await tally.AddPoisonedAsync(50);

        Assert.Equal(new AppendOutcome(3, nameof(InvalidOperationException)), outcome);
        Assert.Equal(new TallyView(3, 1, 1), await tally.GetAsync());
        Assert.Single(await _cluster.Storage.ReadEventsAsync(TallyId, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Append_OfEventWithoutJournalEventAttribute_FailsClearlyAndChangesNothing()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(3);

        var outcome = await tally.AddUnnamedAsync(9);

        Assert.Equal(new AppendOutcome(3, nameof(ArgumentException)), outcome);
        Assert.Equal(new TallyView(3, 1, 1), await tally.GetAsync());
    }

    private Task WriteBehindGrainsBackAsync(long expectedVersion, int amount) =>
        _cluster.Storage.AppendAsync(
            new AppendRequest(TallyId, expectedVersion, [new EventRecord("test.tally.added", $"{{\"amount\":{amount}}}", "intruder", _cluster.Time.GetUtcNow())]),
            CancellationToken.None);
}
