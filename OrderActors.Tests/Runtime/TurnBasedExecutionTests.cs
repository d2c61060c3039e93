using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class TurnBasedExecutionTests : IAsyncLifetime
{
    private readonly TestProbe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RuntimeTestCluster.StartAsync(_probe);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Increment_WhenThousandCallsRaceOnOneGrain_CountsEveryCall()
    {
        var counter = _cluster.GetGrain<ICounterGrain>("c1");

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => counter.IncrementAsync())));

        Assert.Equal(1000, await counter.GetAsync());
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
    }

    [Fact]
    public async Task Increment_OnManyGrainsConcurrently_KeepsEachGrainsCountExact()
    {
        var keys = Enumerable.Range(0, 20).Select(i => $"g{i}").ToList();

        await Task.WhenAll(keys.SelectMany(k => Enumerable.Range(0, 50).Select(_ => _cluster.GetGrain<ICounterGrain>(k).IncrementAsync())));

        foreach (var key in keys)
        {
            Assert.Equal(50, await _cluster.GetGrain<ICounterGrain>(key).GetAsync());
        }

        Assert.Equal(20, (await _cluster.GetStatisticsAsync()).ActivationsByType["counter"]);
    }

    [Fact]
    public async Task GetGrain_ManyKeysOfOneInterface_EachReferenceIsItsOwnAndReachesItsGrain()
    {
        var references = Enumerable.Range(0, 5).Select(i => _cluster.GetGrain<ICounterGrain>($"r{i}")).ToList();
        await references[3].IncrementAsync();

        var again = _cluster.GetGrain<ICounterGrain>("r3");
        var counts = await Task.WhenAll(references.Select(r => r.GetAsync()));

        Assert.Equal(["counter/r0", "counter/r1", "counter/r2", "counter/r3", "counter/r4"], references.Select(r => r.ToString()));
        Assert.Equal(5, references.Distinct().Count());
        Assert.Equal(references[3], again);
        Assert.Equal([0, 0, 0, 1, 0], counts);
    }

    [Fact]
    public void GetGrain_ForInterfaceWithoutImplementation_ThrowsClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _cluster.GetGrain<IUnimplementedGrain>("x"));

        Assert.Contains("No grain class implements", error.Message, StringComparison.Ordinal);
    }
}
