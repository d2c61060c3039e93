using OrderActors.Runtime;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

public sealed class CallChainTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);
    private readonly TestProbe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RuntimeTestCluster.StartAsync(_probe);

    public async Task DisposeAsync()
    {
        _probe.Gate.TrySetResult();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Call_WhenChainCyclesBackToCaller_FailsWithDeadlockWithoutWaitingForTimeout()
    {
        var a = _cluster.GetGrain<IPingGrain>("a");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.PingBackViaAsync("b").WaitAsync(HangGuard));

        Assert.Equal(new GrainId("ping", "a"), error.Target);
        Assert.Equal([new GrainId("ping", "a"), new GrainId("ping", "b")], error.CallChain);
    }

    [Fact]
    public async Task Call_ToItself_FailsWithDeadlock()
    {
        var a = _cluster.GetGrain<IPingGrain>("self");

        await Assert.ThrowsAsync<DeadlockException>(() => a.CallSelfAsync().WaitAsync(HangGuard));
    }

    [Fact]
    public async Task Call_ThroughChainWithoutCycle_Succeeds()
    {
        var a = _cluster.GetGrain<IPingGrain>("a");

        var answer = await a.ForwardAsync("b").WaitAsync(HangGuard);

        Assert.Equal("echo from b", answer);
    }

    [Fact]
    public async Task Call_AfterDeadlockFailure_GrainStillServesCalls()
    {
        var a = _cluster.GetGrain<IPingGrain>("a");
        await Assert.ThrowsAsync<DeadlockException>(() => a.PingBackViaAsync("b").WaitAsync(HangGuard));

        var answer = await a.EchoAsync().WaitAsync(HangGuard);

        Assert.Equal("echo from a", answer);
    }

    [Fact]
    public async Task Call_ThatNeverCompletes_TimesOutWhenClockPassesCallTimeout()
    {
        var slow = _cluster.GetGrain<IPingGrain>("slow");
        var call = slow.WaitForGateAsync();
        await Eventually.WaitUntilAsync(() => _cluster.Inspector.ListActivations("ping", 10).Any(a => a.QueueLength == 1), "call is running");

        _cluster.Time.Advance(TimeSpan.FromSeconds(29));
        var completedBeforeTimeout = call.IsCompleted;
        _cluster.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(completedBeforeTimeout);
        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call.WaitAsync(HangGuard));
        Assert.Equal(new GrainId("ping", "slow"), error.Target);
    }

    [Fact]
    public async Task Call_ThatNeverCompletes_OnGrainLeftIdleThroughEarlierSweeps_TimesOut()
    {
        var grain = _cluster.GetGrain<IPingGrain>("idle-then-stuck");
        await grain.EchoAsync().WaitAsync(HangGuard);
        for (var second = 0; second < 5; second++)
        {
            _cluster.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var call = grain.WaitForGateAsync();
        await Eventually.WaitUntilAsync(() => _cluster.Inspector.ListActivations("ping", 10).Any(a => a.QueueLength == 1), "call is running");
        _cluster.Time.Advance(TimeSpan.FromSeconds(29));
        var completedBeforeTimeout = call.IsCompleted;
        _cluster.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(completedBeforeTimeout);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task Call_QueuedBehindStuckCall_AlsoTimesOut()
    {
        var slow = _cluster.GetGrain<IPingGrain>("stuck");
        var first = slow.WaitForGateAsync();
        var second = slow.EchoAsync();

        _cluster.Time.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => first.WaitAsync(HangGuard));
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => second.WaitAsync(HangGuard));
    }
}
