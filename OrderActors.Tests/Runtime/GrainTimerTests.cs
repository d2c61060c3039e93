using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class GrainTimerTests : IAsyncLifetime
{
    private readonly TestProbe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RuntimeTestCluster.StartAsync(_probe);

    public async Task DisposeAsync()
    {
        _probe.Gate.TrySetResult();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Timer_TicksEachPeriodAsTurnsOfTheGrain()
    {
        var ticker = _cluster.GetGrain<ITickerGrain>("t1");
        await ticker.StartTimerAsync(TimeSpan.FromSeconds(10));

        _cluster.Time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref _probe.TimerTicks) == 1, "first tick");
        _cluster.Time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref _probe.TimerTicks) == 2, "second tick");

        Assert.Equal(2, await ticker.GetTicksAsync());
    }

    [Fact]
    public async Task Timer_WhileCallHoldsTheTurn_WaitsForTheCallToFinish()
    {
        var ticker = _cluster.GetGrain<ITickerGrain>("t1");
        await ticker.StartTimerAsync(TimeSpan.FromSeconds(10));
        var hold = ticker.HoldTurnAsync();
        await Eventually.WaitUntilAsync(() => _cluster.Inspector.ListActivations("ticker", 1).Single().QueueLength == 1, "call holds the turn");

        _cluster.Time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.WaitUntilAsync(() => _cluster.Inspector.ListActivations("ticker", 1).Single().QueueLength == 2, "tick queued behind the call");
        var ticksWhileHeld = Volatile.Read(ref _probe.TimerTicks);
        _probe.Gate.SetResult();
        await hold;
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref _probe.TimerTicks) == 1, "tick ran after the call");

        Assert.Equal(0, ticksWhileHeld);
        Assert.Equal(0, _probe.TimerOverlaps);
    }

    [Fact]
    public async Task Timer_AfterDispose_StopsTicking()
    {
        var ticker = _cluster.GetGrain<ITickerGrain>("t1");
        await ticker.StartTimerAsync(TimeSpan.FromSeconds(10));
        _cluster.Time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref _probe.TimerTicks) == 1, "first tick");

        await ticker.StopTimerAsync();
        _cluster.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, await ticker.GetTicksAsync());
    }

    [Fact]
    public async Task Timer_OfCollectedActivation_IsDisposed()
    {
        var ticker = _cluster.GetGrain<ITickerGrain>("t1");
        await ticker.StartTimerAsync(TimeSpan.FromSeconds(10));
        var timersBefore = _cluster.Time.ActiveTimerCount;

        await _cluster.CollectIdleAsync();

        Assert.Equal(timersBefore - 1, _cluster.Time.ActiveTimerCount);
    }
}
