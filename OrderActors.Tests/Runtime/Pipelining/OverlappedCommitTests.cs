using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Pipelining;

/// <summary>
/// Pipelined appends run in the background: the grain's next calls run while one commits; over storage that applies
/// appends in order a second append is sent behind it, and later calls wait for the next one. If an append fails, what
/// was decided after it fails with it, unless it did commit after all.
/// </summary>
public sealed class OverlappedCommitTests : PipelinedFaultTests
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_WhileAnAppendIsHeld_NextCallsRunOneMoreAppendIsSentAndTheRestCommitAfterInOne(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        var appendsBefore = Faults.AppendsCalled;
        var hold = Faults.HoldNextAppend();

        var first = grain.AddAsync(1);
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var later = new List<Task<int>>();
        for (var amount = 2; amount <= 10; amount++)
        {
            later.Add(grain.AddAsync(amount));
            await WaitForTurnAsync(key, amount);
        }

        var sentWhileHeld = Faults.AppendsCalled - appendsBefore;
        var answeredWhileHeld = later.Append(first).Count(t => t.IsCompleted);

        hold.Release();
        var totals = await Task.WhenAll(later.Prepend(first));
        var sent = Faults.AppendsCalled - appendsBefore;
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        // The held append (1), the one sent behind it (2), then everything decided meanwhile (3..10) in one more.
        Assert.Equal(2, sentWhileHeld);
        Assert.Equal(0, answeredWhileHeld);
        Assert.Equal(3, sent);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => n * (n + 1) / 2), totals);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"{{\"amount\":{n}}}"), stored.Select(e => e.Data));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), stored.Select(e => e.Version));
        Assert.Equal(new TallyView(55, 10, 10), await grain.GetAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_WhenTheHeldAppendFails_FailsTheAppendSentBehindItAndTheCallsPendingAndNextCallSeesStorage(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        await grain.AddInTurnAsync(10);
        var hold = Faults.HoldNextAppend();

        var first = grain.AddAsync(1);
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var second = grain.AddAsync(2);
        await WaitForTurnAsync(key, 2);
        var third = grain.AddAsync(3);
        await WaitForTurnAsync(key, 3);
        Faults.FailAppendsBeforeCommit(1);
        hold.Release();

        var errors = await Task.WhenAll(new[] { first, second, third }.Select(async t => await Record.ExceptionAsync(() => t)));
        var view = await grain.GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        // The held append fails; the one sent behind it expected the version the held one would have left; the third
        // call's event was still pending and is failed by the turn that settles the failure.
        Assert.IsType<StorageWriteException>(errors[0]);
        Assert.IsType<InconsistentStateException>(errors[1]);
        Assert.IsType<StorageWriteException>(errors[2]);
        Assert.Equal(new TallyView(10, 1, 1), view);
        Assert.Equal(["{\"amount\":10}"], stored.Select(e => e.Data));
        Assert.Equal(2, await grain.GetActivationNumberAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_WhenTheHeldAppendCommitsButItsAnswerIsLost_TheAppendBehindItCommitsAndNextCallSeesBoth(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        var hold = Faults.HoldNextAppend();

        var first = grain.AddAsync(1);
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var second = grain.AddAsync(2);
        await WaitForTurnAsync(key, 2);
        Faults.FailAppendsAfterCommit(1);
        hold.Release();

        var error = await Record.ExceptionAsync(() => first);
        var total = await second;
        var view = await grain.GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        Assert.IsType<StorageWriteException>(error);
        Assert.Equal(3, total);
        Assert.Equal(new TallyView(3, 2, 2), view);
        Assert.Equal(["{\"amount\":1}", "{\"amount\":2}"], stored.Select(e => e.Data));
        Assert.Equal(2, await grain.GetActivationNumberAsync());
    }

    private Task WaitForTurnAsync(string key, int amount) =>
        Eventually.WaitUntilAsync(() => Probe.Log.Contains($"{key} add {amount}"), $"the turn of the call adding {amount} while an append is held");
}
