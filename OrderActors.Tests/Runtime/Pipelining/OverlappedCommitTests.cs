using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Faults;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Pipelining;

/// <summary>
/// A pipelined append runs in the background: the grain's next calls run while it commits and go into the next
/// append, which starts only when it has ended; if it fails, the calls decided after it fail with it.
/// </summary>
public sealed class OverlappedCommitTests
{
    private readonly TestProbe _probe = new();
    private readonly StorageFaults _faults = new();

    public static TheoryData<string> Providers => new() { "memory", "sqlite" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_WhileAnAppendIsInFlight_NextCallsRunAndCommitAfterItInOneAppend(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        var writesBefore = cluster.Storage.GetStatistics().Writes;
        var hold = _faults.HoldNextAppend();

        var first = grain.AddAsync(1);
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var second = grain.AddAsync(2);
        var third = grain.AddAsync(3);
        await Eventually.WaitUntilAsync(() => _probe.Log.Contains($"{key} add 3"), "the third call's turn while the first append is held");
        var answeredWhileHeld = new[] { first, second, third }.Count(t => t.IsCompleted);

        hold.Release();
        var totals = await Task.WhenAll(first, second, third);
        var writes = cluster.Storage.GetStatistics().Writes - writesBefore;
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        Assert.Equal(0, answeredWhileHeld);
        Assert.Equal([1, 3, 6], totals);
        Assert.Equal(["{\"amount\":1}", "{\"amount\":2}", "{\"amount\":3}"], stored.Select(e => e.Data));
        Assert.Equal([1L, 2L, 3L], stored.Select(e => e.Version));
        Assert.Equal(2, writes);
        Assert.Equal(new TallyView(6, 3, 3), await grain.GetAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_WhenTheAppendInFlightFails_FailsTheCallsDecidedAfterItAndNextCallSeesStorage(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        await grain.AddInTurnAsync(10);
        var hold = _faults.HoldNextAppend();

        var first = grain.AddAsync(1);
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var second = grain.AddAsync(2);
        await Eventually.WaitUntilAsync(() => _probe.Log.Contains($"{key} add 2"), "the second call's turn while the first append is held");
        _faults.FailAppendsBeforeCommit(1);
        hold.Release();

        var errors = await Task.WhenAll(new[] { first, second }.Select(async t => await Record.ExceptionAsync(() => t)));
        var view = await grain.GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        Assert.All(errors, e => Assert.IsType<StorageWriteException>(e));
        Assert.Equal(new TallyView(10, 1, 1), view);
        Assert.Equal(["{\"amount\":10}"], stored.Select(e => e.Data));
        Assert.Equal(2, await grain.GetActivationNumberAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_WhenTheAppendInFlightCommitsButItsAnswerIsLost_NextCallSeesItAndNotTheCallsAfterIt(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        var hold = _faults.HoldNextAppend();

        var first = grain.AddAsync(1);
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var second = grain.AddAsync(2);
        await Eventually.WaitUntilAsync(() => _probe.Log.Contains($"{key} add 2"), "the second call's turn while the first append is held");
        _faults.FailAppendsAfterCommit(1);
        hold.Release();

        var errors = await Task.WhenAll(new[] { first, second }.Select(async t => await Record.ExceptionAsync(() => t)));
        var view = await grain.GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        Assert.All(errors, e => Assert.IsType<StorageWriteException>(e));
        Assert.Equal(new TallyView(1, 1, 1), view);
        Assert.Equal(["{\"amount\":1}"], stored.Select(e => e.Data));
    }

    private Task<TestCluster> StartAsync(string provider) =>
        RuntimeTestCluster.StartAsync(provider, _probe, services: _faults.Install);

    private static async Task<(string Key, IPipelinedTallyGrain Grain)> NewGrainAsync(TestCluster cluster)
    {
        var key = $"overlap-{Guid.NewGuid():N}";
        var grain = cluster.GetGrain<IPipelinedTallyGrain>(key);
        await grain.GetAsync();
        return (key, grain);
    }
}
