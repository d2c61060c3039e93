using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Pipelining;

/// <summary>
/// A pipelined call whose turn has ended still times out while its events wait for storage: the activation keeps every
/// call waiting for durability where the timeout sweep finds it, however many answered calls came before.
/// </summary>
public sealed class PipelinedTimeoutTests : PipelinedFaultTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_ManyCallsWaitingOnAHeldAppend_EveryOneTimesOutAndTheGrainKeepsTheirEvents(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);

        // Answered calls first: the set of waiting calls has had calls come and go before the hold.
        for (var i = 0; i < 150; i++)
        {
            await grain.AddAsync(1);
        }

        var hold = Faults.HoldNextAppend();
        var first = grain.AddAsync(1);
        await hold.Arrived.WaitAsync(HangGuard);

        var waiting = Enumerable.Range(0, 200).Select(_ => grain.AddAsync(2)).Prepend(first).ToList();
        await Eventually.WaitUntilAsync(() => Probe.Log.Count(l => l == $"{key} add 2") == 200, "every call's turn ran");
        var answeredBeforeTimeout = waiting.Count(t => t.IsCompleted);

        cluster.Time.Advance(TimeSpan.FromSeconds(31));
        var errors = await Task.WhenAll(waiting.Select(async t => await Record.ExceptionAsync(() => t.WaitAsync(HangGuard))));
        hold.Release();
        await Eventually.WaitUntilAsync(
            () => cluster.Inspector.ListActivations("pipetally", 1000).Any(a => a.GrainId.Key == key && a.QueueLength == 0),
            "the held appends committed");
        var view = await grain.GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 1000, CancellationToken.None);

        Assert.Equal(0, answeredBeforeTimeout);
        Assert.All(errors, e => Assert.IsType<GrainCallTimeoutException>(e));

        // A timeout answers the caller; it does not undo what the grain decided: the events still commit.
        Assert.Equal(551, view.Total);
        Assert.Equal(351, stored.Count);
    }
}
