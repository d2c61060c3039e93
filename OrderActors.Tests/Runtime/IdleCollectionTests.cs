using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class IdleCollectionTests : IAsyncLifetime
{
    private readonly TestProbe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await RuntimeTestCluster.StartAsync(_probe, configure: o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionInterval = TimeSpan.FromMinutes(1);
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Collector_WhenGrainsIdleLongerThanCollectionAge_DeactivatesThemAndTheyReactivateWithState()
    {
        for (var i = 0; i < 5; i++)
        {
            await _cluster.GetGrain<ITallyGrain>($"t{i}").AddAsync(i + 1);
        }

        var before = (await _cluster.GetStatisticsAsync()).Activations;
        _cluster.Time.Advance(TimeSpan.FromMinutes(11));
        await Eventually.WaitUntilAsync(async () => (await _cluster.GetStatisticsAsync()).Activations == 0, "idle grains collected");

        Assert.Equal(5, before);
        Assert.Equal(4, (await _cluster.GetGrain<ITallyGrain>("t3").GetAsync()).Total);
        Assert.Equal(1, (await _cluster.GetStatisticsAsync()).Activations);
    }

    [Fact]
    public async Task Collector_KeepsGrainsUsedWithinCollectionAge()
    {
        await _cluster.GetGrain<ITallyGrain>("busy").AddAsync(1);
        await _cluster.GetGrain<ITallyGrain>("idle").AddAsync(1);
        _cluster.Time.Advance(TimeSpan.FromMinutes(6));
        await _cluster.GetGrain<ITallyGrain>("busy").AddAsync(1);

        _cluster.Time.Advance(TimeSpan.FromMinutes(5));
        await Eventually.WaitUntilAsync(() => _cluster.Inspector.ListActivations("tally", 10).All(a => a.GrainId.Key != "idle"), "idle grain collected");

        Assert.Equal(["busy"], _cluster.Inspector.ListActivations("tally", 10).Select(a => a.GrainId.Key));
    }

    [Fact]
    public async Task CollectIdle_ThenCallsRacingReactivation_AreAllServedByFreshActivation()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("race");
        await tally.AddAsync(1);

        var collect = _cluster.CollectIdleAsync();
        var adds = Enumerable.Range(0, 100).Select(_ => tally.AddAsync(1)).ToList();
        await collect;
        await Task.WhenAll(adds);

        Assert.Equal(new TallyView(101, 101, 101), await tally.GetAsync());
    }
}
