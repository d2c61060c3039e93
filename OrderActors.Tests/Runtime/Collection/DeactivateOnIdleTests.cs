using OrderActors.Runtime;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;
using OrderActors.Tests.Runtime.Pipelining;

namespace OrderActors.Tests.Runtime.Collection;

public sealed class DeactivateOnIdleTests
{
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task DeactivateOnIdle_WithCallsQueuedBehindTheTurn_ServesThemOnTheSameActivationThenDeactivates()
    {
        await using var cluster = await RuntimeTestCluster.StartAsync("memory", _probe);
        var key = $"k-{Guid.NewGuid():N}";
        var grain = cluster.GetGrain<IBriefGrain>(key);
        await grain.AddAsync(1);
        var blocked = grain.BlockAsync();
        var leave = grain.LeaveAsync();
        var adds = Enumerable.Range(0, 10).Select(_ => grain.AddAsync(1)).ToList();
        var servedBy = grain.GetActivationNumberAsync();
        await WaitForQueueAsync(cluster, key, 13);

        PipelineGates.For(key).SetResult();
        await Task.WhenAll(blocked, leave);
        var totals = await Task.WhenAll(adds);
        var number = await servedBy;
        await Eventually.WaitUntilAsync(() => !CollectionAgeTests.IsResident(cluster, "brief", key), "activation deactivated once idle");
        var reloaded = await grain.GetAsync();
        var reactivatedAs = await grain.GetActivationNumberAsync();

        Assert.Equal(Enumerable.Range(2, 10), totals);
        Assert.Equal(1, number);
        Assert.Equal(new TallyView(11, 11, 11), reloaded);
        Assert.Equal(2, reactivatedAs);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DeactivateOnIdle_AfterPipelinedAppends_MakesThemDurableBeforeTheActivationIsGone(string provider)
    {
        await using var cluster = await RuntimeTestCluster.StartAsync(provider, _probe);
        var key = $"k-{Guid.NewGuid():N}";
        var grain = cluster.GetGrain<IBriefGrain>(key);
        await grain.GetAsync();
        var blocked = grain.BlockAsync();
        var calls = Enumerable.Range(1, 20).Select(grain.AddPipelinedThenLeaveAsync).ToList();
        var leave = grain.LeaveAsync();
        await WaitForQueueAsync(cluster, key, 22);

        PipelineGates.For(key).SetResult();
        await blocked;
        await Eventually.WaitUntilAsync(() => !CollectionAgeTests.IsResident(cluster, "brief", key), "activation deactivated");
        var storedWhenGone = await cluster.Storage.ReadEventsAsync(new GrainId("brief", key), 0, 100, CancellationToken.None);
        var totals = await Task.WhenAll(calls);
        await leave;
        var reloaded = await grain.GetAsync();
        var reactivatedAs = await grain.GetActivationNumberAsync();

        Assert.Equal(Enumerable.Range(1, 20).Select(v => (long)v), storedWhenGone.Select(e => e.Version));
        Assert.Equal(Enumerable.Range(1, 20).Select(n => n * (n + 1) / 2), totals);
        Assert.Equal(new TallyView(210, 20, 20), reloaded);
        Assert.Equal(2, reactivatedAs);
    }

    private static Task WaitForQueueAsync(TestCluster cluster, string key, int length) =>
        Eventually.WaitUntilAsync(
            () => cluster.Inspector.ListActivations("brief", int.MaxValue).Any(a => a.GrainId.Key == key && a.QueueLength >= length),
            $"{length} items in the mailbox of {key}");
}
