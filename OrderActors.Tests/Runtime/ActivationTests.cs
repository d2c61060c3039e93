using OrderActors.Runtime;
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

    [Fact]
    public async Task DeactivateOnIdle_DeactivatesAfterTheCallAndNextCallReactivatesWithState()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");
        await tally.AddAsync(5);

        await tally.LeaveAsync();
        await Eventually.WaitUntilAsync(async () => (await _cluster.GetStatisticsAsync()).Activations == 0, "activation left");
        var view = await tally.GetAsync();

        Assert.Equal(5, view.Total);
        Assert.Equal(2, await tally.GetActivationNumberAsync());
    }

    [Fact]
    public async Task GetGrain_SameKeyTwice_GivesEqualReferencesToOneActivation()
    {
        var first = _cluster.GetGrain<ITallyGrain>("t1");
        var second = _cluster.GetGrain<ITallyGrain>("t1");

        await first.AddAsync(2);
        var total = await second.AddAsync(3);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, _cluster.GetGrain<ITallyGrain>("t2"));
        Assert.Equal(5, total);
        Assert.Equal(1, await second.GetActivationNumberAsync());
    }

    [Fact]
    public void GetGrainId_OfReference_ReturnsTypeAndKey()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("tb-123");

        var id = tally.GetGrainId();

        Assert.Equal(new GrainId("tally", "tb-123"), id);
        Assert.Equal("tb-123", tally.GetPrimaryKeyString());
        Assert.Equal("tally/tb-123", id.ToString());
    }

    [Fact]
    public async Task Inspector_GetLatestEvents_ReturnsLastEventsOldestFirst()
    {
        var tally = _cluster.GetGrain<ITallyGrain>("t1");
        for (var i = 1; i <= 5; i++)
        {
            await tally.AddAsync(i);
        }

        var events = await _cluster.Inspector.GetLatestEventsAsync(new GrainId("tally", "t1"), 2, CancellationToken.None);

        Assert.Equal([4L, 5L], events.Select(e => e.Version));
        Assert.Equal("{\"amount\":5}", events[1].Data);
    }

    [Fact]
    public async Task Inspector_ListActivations_ShowsKeysQueueLengthsAndIdleTime()
    {
        await _cluster.GetGrain<ITallyGrain>("t1").AddAsync(1);
        await _cluster.GetGrain<ITallyGrain>("t2").AddAsync(1);
        _cluster.Time.Advance(TimeSpan.FromMinutes(3));

        var list = _cluster.Inspector.ListActivations("tally", 10);

        Assert.Equal(["t1", "t2"], list.Select(a => a.GrainId.Key));
        Assert.All(list, a => Assert.Equal(TimeSpan.FromMinutes(3), a.IdleTime));
        Assert.All(list, a => Assert.Equal(0, a.QueueLength));
        Assert.Contains("tally", _cluster.Inspector.GrainTypes);
    }
}
