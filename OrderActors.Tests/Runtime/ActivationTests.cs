using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class ActivationTests : IAsyncLifetime
{
    private readonly TestProbe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RuntimeTestCluster.StartAsync(_probe);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Call_WhenActivationThrows_FailsWithThatErrorAndNextCallActivatesAfresh()
    {
        _probe.FailActivations(1);
        var tally = _cluster.GetGrain<ITallyGrain>("t1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tally.AddAsync(1));
        var afterFailure = (await _cluster.GetStatisticsAsync()).Activations;
        var total = await tally.AddAsync(2);

        Assert.Equal("activation failure injected by the test", error.Message);
        Assert.Equal(0, afterFailure);
        Assert.Equal(2, total);
    }

    [Fact]
    public async Task Grain_IsActivatedOncePerKeyAndKeepsItsActivation()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => tally.AddAsync(1)));

        Assert.Equal(1, await tally.GetActivationNumberAsync());
        Assert.Equal(1, _probe.DeliveryAttempts);
    }

    [Fact]
    public async Task Statistics_CountCallsFailuresAndActivationsPerType()
    {
        await _cluster.GetGrain<ITallyGrain>("t1").AddAsync(1);
        await _cluster.GetGrain<ITallyGrain>("t2").AddAsync(1);
        await _cluster.GetGrain<ICounterGrain>("c1").IncrementAsync();
        await _cluster.GetGrain<ITallyGrain>("t1").AddPoisonedAsync(1);

        var stats = await _cluster.GetStatisticsAsync();

        Assert.Equal(3, stats.Activations);
        Assert.Equal(2, stats.ActivationsByType["tally"]);
        Assert.Equal(1, stats.ActivationsByType["counter"]);
        Assert.Equal(4, stats.CallsTotal);
        Assert.Equal(0, stats.CallsFailed);
        Assert.Equal("memory", stats.StorageProvider);
        Assert.Equal(0, stats.MailboxBacklog);
    }
}
