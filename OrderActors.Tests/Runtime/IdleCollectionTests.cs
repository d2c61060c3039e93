using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class IdleCollectionTests
{
    private readonly TestProbe _probe = new();

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Collector_WhenGrainsIdleLongerThanCollectionAge_DeactivatesThemAndTheyReactivateWithState(string provider)
    {
        await using var cluster = await StartAsync(provider);
        for (var i = 0; i < 5; i++)
        {
            await cluster.GetGrain<ITallyGrain>($"t{i}").AddAsync(i + 1);
        }

        var before = (await cluster.GetStatisticsAsync()).Activations;
        cluster.Time.Advance(TimeSpan.FromMinutes(11));
        await Eventually.WaitUntilAsync(async () => (await cluster.GetStatisticsAsync()).Activations == 0, "idle grains collected");

        Assert.Equal(5, before);
        Assert.Equal(4, (await cluster.GetGrain<ITallyGrain>("t3").GetAsync()).Total);
        Assert.Equal(1, (await cluster.GetStatisticsAsync()).Activations);
    }

    [Fact]
    public async Task Collector_KeepsGrainsUsedWithinCollectionAge()
    {
        await using var cluster = await StartAsync("memory");
        await cluster.GetGrain<ITallyGrain>("busy").AddAsync(1);
        await cluster.GetGrain<ITallyGrain>("idle").AddAsync(1);
        cluster.Time.Advance(TimeSpan.FromMinutes(6));
        await cluster.GetGrain<ITallyGrain>("busy").AddAsync(1);

        cluster.Time.Advance(TimeSpan.FromMinutes(5));
        await Eventually.WaitUntilAsync(() => cluster.Inspector.ListActivations("tally", 10).All(a => a.GrainId.Key != "idle"), "idle grain collected");

        Assert.Equal(["busy"], cluster.Inspector.ListActivations("tally", 10).Select(a => a.GrainId.Key));
    }

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task CollectIdle_ThenCallsRacingReactivation_AreAllServedByFreshActivation(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var tally = cluster.GetGrain<ITallyGrain>("race");
        await tally.AddAsync(1);

        var collect = cluster.CollectIdleAsync();
        var adds = Enumerable.Range(0, 100).Select(_ => tally.AddAsync(1)).ToList();
        await collect;
        await Task.WhenAll(adds);

        Assert.Equal(new TallyView(101, 101, 101), await tally.GetAsync());
    }

    private Task<TestCluster> StartAsync(string provider) =>
        RuntimeTestCluster.StartAsync(provider, _probe, o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionInterval = TimeSpan.FromMinutes(1);
        });
}
