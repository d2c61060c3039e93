using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Pipelining;

public sealed class PipelinedAppendTests
{
    private const int Calls = 200;
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task AppendPipelined_ManyConcurrentCallsOverSqlite_AcknowledgesAllDurablyInOrderWithFewerAppendsThanCalls()
    {
        await using var cluster = await RuntimeTestCluster.StartAsync("sqlite", _probe);
        var key = $"pipe-{Guid.NewGuid():N}";
        var grain = cluster.GetGrain<IPipelinedTallyGrain>(key);
        await grain.GetAsync();
        var writesBefore = cluster.Storage.GetStatistics().Writes;
        var blocked = grain.BlockAsync();
        var calls = Enumerable.Range(1, Calls).Select(grain.AddAsync).ToList();
        var inTurn = grain.AddInTurnAsync(1000);
        var more = Enumerable.Range(Calls + 1, Calls).Select(grain.AddAsync).ToList();
        await WaitForQueueAsync(cluster, key, (2 * Calls) + 2);

        PipelineGates.For(key).SetResult();
        await blocked;
        var totals = await Task.WhenAll(calls.Concat(more));
        var inTurnTotal = await inTurn;
        var writes = cluster.Storage.GetStatistics().Writes - writesBefore;
        var inMemory = await grain.GetAsync();
        await cluster.RestartAsync();
        var reloaded = await cluster.GetGrain<IPipelinedTallyGrain>(key).GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 1000, CancellationToken.None);

        var expectedTotals = Enumerable.Range(1, Calls).Select(n => n * (n + 1) / 2)
            .Concat(Enumerable.Range(Calls + 1, Calls).Select(n => (n * (n + 1) / 2) + 1000))
            .ToArray();
        Assert.Equal(expectedTotals, totals);
        Assert.Equal((Calls * (Calls + 1) / 2) + 1000, inTurnTotal);
        Assert.Equal(new TallyView(((2 * Calls) * ((2 * Calls) + 1) / 2) + 1000, (2 * Calls) + 1, (2 * Calls) + 1), inMemory);
        Assert.Equal(inMemory, reloaded);
        Assert.Equal(Enumerable.Range(1, (2 * Calls) + 1).Select(v => (long)v), stored.Select(e => e.Version));
        Assert.Equal("{\"amount\":1000}", stored[Calls].Data);
        Assert.InRange(writes, 2, 10);
    }

    [Fact]
    public async Task AppendPipelined_WhenFlushHitsStaleVersion_FailsEveryPendingCallAndNextCallSeesDurableState()
    {
        await using var cluster = await RuntimeTestCluster.StartAsync("sqlite", _probe);
        var key = $"pipe-{Guid.NewGuid():N}";
        var grain = cluster.GetGrain<IPipelinedTallyGrain>(key);
        await grain.AddInTurnAsync(5);
        var blocked = grain.BlockAsync();
        var calls = Enumerable.Range(1, 50).Select(grain.AddAsync).ToList();
        await WaitForQueueAsync(cluster, key, 51);
        await cluster.Storage.AppendAsync(
            new AppendRequest(new GrainId("pipetally", key), 1, [new EventRecord("test.tally.added", "{\"amount\":100}", "intruder", cluster.Time.GetUtcNow())]),
            CancellationToken.None);

        PipelineGates.For(key).SetResult();
        await blocked;
        var outcomes = await Task.WhenAll(calls.Select(async c => await Record.ExceptionAsync(() => c)));
        var after = await grain.GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        Assert.All(outcomes, e => Assert.IsType<InconsistentStateException>(e));
        Assert.Equal(new TallyView(105, 2, 2), after);
        Assert.Equal(["test", "intruder"], stored.Select(e => e.Actor));
    }

    [Fact]
    public async Task AppendPipelined_ReadWhileEventsPending_IsAnsweredAfterTheyAreDurable()
    {
        await using var cluster = await RuntimeTestCluster.StartAsync("memory", _probe);
        var key = $"pipe-{Guid.NewGuid():N}";
        var grain = cluster.GetGrain<IPipelinedTallyGrain>(key);
        await grain.GetAsync();
        var blocked = grain.BlockAsync();
        var add = grain.AddAsync(7);
        var read = grain.GetAsync();
        await WaitForQueueAsync(cluster, key, 3);

        PipelineGates.For(key).SetResult();
        await blocked;
        var view = await read;
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 10, CancellationToken.None);

        Assert.Equal(7, await add);
        Assert.Equal(new TallyView(7, 1, 1), view);
        Assert.Single(stored);
    }

    private static Task WaitForQueueAsync(TestCluster cluster, string key, int length) =>
        Eventually.WaitUntilAsync(
            () => cluster.Inspector.ListActivations("pipetally", 1000).Any(a => a.GrainId.Key == key && a.QueueLength >= length),
            $"{length} calls queued on {key}");
}
