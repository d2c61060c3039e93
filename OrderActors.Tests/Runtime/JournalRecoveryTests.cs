using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Faults;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

/// <summary>
/// A failed append leaves the journal nothing in memory to roll back with: the state is reloaded from storage before
/// the caller sees it, the activation is dropped, and when even the reload fails the state is refused, never served.
/// </summary>
public sealed class JournalRecoveryTests
{
    private static readonly GrainId TallyId = new("tally", "t1");
    private readonly TestProbe _probe = new();
    private readonly StorageFaults _faults = new();

    public static TheoryData<string> Providers => new() { "memory", "sqlite" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_WhenStorageFailsBeforeCommitting_FailsTheCallWithStateReloadedAndNextCallSeesDurableState(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(1);
        _faults.FailAppendsBeforeCommit(1);

        var outcome = await tally.AddAndObserveAsync(5);
        var after = await tally.GetAsync();

        Assert.Equal(new AppendOutcome(1, nameof(StorageWriteException)), outcome);
        Assert.Equal(new TallyView(1, 1, 1), after);
        Assert.Equal(2, await tally.GetActivationNumberAsync());
        Assert.Single(await cluster.Storage.ReadEventsAsync(TallyId, 0, 10, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_WhenCommittedButTheAnswerIsLost_FailsTheCallAndStateShowsWhatStorageHas(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(1);
        _faults.FailAppendsAfterCommit(1);

        var outcome = await tally.AddAndObserveAsync(5);
        var after = await tally.GetAsync();
        await tally.AddAsync(10);

        // The call failed, yet its event is durable: the reload shows it rather than a state without it.
        Assert.Equal(new AppendOutcome(6, nameof(StorageWriteException)), outcome);
        Assert.Equal(new TallyView(6, 2, 2), after);
        Assert.Equal(new TallyView(16, 3, 3), await tally.GetAsync());
        Assert.Equal([1L, 2L, 3L], (await cluster.Storage.ReadEventsAsync(TallyId, 0, 10, CancellationToken.None)).Select(e => e.Version));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_WhenStorageFailsAndTheReloadFailsToo_RefusesStateAndNextActivationLoadsDurableState(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(1);
        _faults.FailAppendsBeforeCommit(1);
        _faults.FailLoads(1);

        // The grain catches the append's failure and reads the state: that read must not see the unconfirmed 5.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tally.AddAndObserveAsync(5));
        var after = await tally.GetAsync();

        Assert.IsType<StorageWriteException>(error.InnerException);
        Assert.Equal(new TallyView(1, 1, 1), after);
        Assert.Equal(2, await tally.GetActivationNumberAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_OfEventTheStateRejectsWhenTheReloadFails_RefusesStateAndNextActivationLoadsDurableState(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(3);
        _faults.FailLoads(1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tally.AddPoisonedAsync(50));
        var after = await tally.GetAsync();

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(new TallyView(3, 1, 1), after);
        Assert.Equal(2, await tally.GetActivationNumberAsync());
        Assert.Single(await cluster.Storage.ReadEventsAsync(TallyId, 0, 10, CancellationToken.None));
    }

    private Task<TestCluster> StartAsync(string provider) =>
        RuntimeTestCluster.StartAsync(provider, _probe, o => o.SnapshotInterval = 3, _faults.Install);
}
