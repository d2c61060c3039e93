using OrderActors.Runtime;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime;

/// <summary>
/// Turns of separate calls that wait on each other (A's turn calls B while B's turn calls A): not one call chain, so the
/// chain check cannot see it, and both calls waited for the call timeout. One call of the cycle is refused at once.
/// </summary>
public sealed class WaitCycleTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);
    private readonly TestProbe _probe = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RuntimeTestCluster.StartAsync(_probe);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>
    /// Both turns are running (they meet) before either calls the other, so every round is a cycle; the manual clock
    /// never reaches the call timeout, so without the check the calls would hang past the guard.
    /// </summary>
    [Fact]
    public async Task Calls_TwoTurnsCallingEachOther_OneIsRefusedWithWaitCycleAndTheOtherCompletes()
    {
        for (var round = 0; round < 50; round++)
        {
            var (a, b) = ($"cross-a-{round}", $"cross-b-{round}");
            var meeting = $"cross-{round}";

            var outcomes = await Task.WhenAll(
                Outcome(_cluster.GetGrain<IPingGrain>(a).MeetThenEchoAsync(b, meeting, 2)),
                Outcome(_cluster.GetGrain<IPingGrain>(b).MeetThenEchoAsync(a, meeting, 2))).WaitAsync(HangGuard);

            Assert.Single(outcomes, o => o is WaitCycleException);
            Assert.Single(outcomes, o => o is string s && s.StartsWith("echo from ", StringComparison.Ordinal));
            var refused = (WaitCycleException)outcomes.Single(o => o is WaitCycleException);
            Assert.Equal(2, refused.Cycle.Count);
            Assert.Equal([a, b], refused.Cycle.Select(g => g.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Calls_ThreeTurnsInACircle_OneIsRefusedAndTheOthersComplete()
    {
        var meeting = "circle";

        var outcomes = await Task.WhenAll(
            Outcome(_cluster.GetGrain<IPingGrain>("c1").MeetThenEchoAsync("c2", meeting, 3)),
            Outcome(_cluster.GetGrain<IPingGrain>("c2").MeetThenEchoAsync("c3", meeting, 3)),
            Outcome(_cluster.GetGrain<IPingGrain>("c3").MeetThenEchoAsync("c1", meeting, 3))).WaitAsync(HangGuard);

        Assert.Single(outcomes, o => o is WaitCycleException);
        Assert.Equal(2, outcomes.Count(o => o is string));
    }

    [Fact]
    public async Task Calls_TwoTurnsCallingAThirdGrain_NeitherIsRefused()
    {
        var meeting = "fan-in";

        var outcomes = await Task.WhenAll(
            Outcome(_cluster.GetGrain<IPingGrain>("f1").MeetThenEchoAsync("hub", meeting, 2)),
            Outcome(_cluster.GetGrain<IPingGrain>("f2").MeetThenEchoAsync("hub", meeting, 2))).WaitAsync(HangGuard);

        Assert.Equal(["echo from hub", "echo from hub"], outcomes);
    }

    private static async Task<object> Outcome(Task<string> call)
    {
        try
        {
            return await call;
        }
        catch (WaitCycleException refused)
        {
            return refused;
        }
    }
}
