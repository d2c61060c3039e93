using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Pipelining;

/// <summary>
/// Failures while other calls' pipelined events wait to commit: those calls all commit or all fail, and whatever the
/// callers are told, the next call sees what storage holds.
/// </summary>
public sealed class PipelinedRecoveryTests : PipelinedFaultTests
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_OfEventTheStateRejects_FailsThatCallOnlyAndEveryOtherCallCommitsInOrder(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        var blocked = grain.BlockAsync();
        var before = Enumerable.Range(1, 10).Select(grain.AddAsync).ToList();
        var poisoned = grain.AddPoisonedAsync(1000);
        var after = Enumerable.Range(11, 10).Select(grain.AddAsync).ToList();
        await WaitForQueueAsync(cluster, key, 22);

        PipelineGates.For(key).SetResult();
        await blocked;
        var totals = await Task.WhenAll(before.Concat(after));
        var error = await Record.ExceptionAsync(() => poisoned);
        var view = await grain.GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 20).Select(n => n * (n + 1) / 2), totals);
        Assert.Equal("poisoned event rejected", Assert.IsType<InvalidOperationException>(error).Message);
        Assert.Equal(new TallyView(210, 20, 20), view);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"{{\"amount\":{n}}}"), stored.Select(e => e.Data));
        Assert.Equal(2, await grain.GetActivationNumberAsync());
    }

    [Fact]
    public async Task AppendPipelined_OfEventTheStateRejects_RefusesTheStateForTheRestOfThatTurn()
    {
        await using var cluster = await StartAsync("memory");
        var (_, grain) = await NewGrainAsync(cluster);
        await grain.AddInTurnAsync(4);

        var read = await grain.AddPoisonedThenReadAsync(1000);
        var view = await grain.GetAsync();

        // The poisoned event added 1000 before Apply threw; the state read after it is refused, not 1004.
        Assert.Equal("poisoned event rejected", read);
        Assert.Equal(new TallyView(4, 1, 1), view);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_OfEventTheStateRejectsAfterAnotherWriter_FailsEveryPendingCallAndNextCallSeesDurableState(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        await grain.AddInTurnAsync(5);
        var blocked = grain.BlockAsync();
        var pending = Enumerable.Range(1, 10).Select(grain.AddAsync).ToList();
        var poisoned = grain.AddPoisonedAsync(1000);
        await WaitForQueueAsync(cluster, key, 12);
        await cluster.Storage.AppendAsync(
            new AppendRequest(new GrainId("pipetally", key), 1, [new EventRecord("test.tally.added", "{\"amount\":100}", "intruder", cluster.Time.GetUtcNow())]),
            CancellationToken.None);

        PipelineGates.For(key).SetResult();
        await blocked;
        var outcomes = await Task.WhenAll(pending.Select(async c => await Record.ExceptionAsync(() => c)));
        var error = await Record.ExceptionAsync(() => poisoned);
        var view = await grain.GetAsync();
        var stored = await cluster.Storage.ReadEventsAsync(new GrainId("pipetally", key), 0, 100, CancellationToken.None);

        // Decided against a state that was no longer the latest: none of them may commit. The rejected call saw them
        // pending, so it is answered with their failure too (a retry is right for it as much as for them).
        Assert.All(outcomes, e => Assert.IsType<InconsistentStateException>(e));
        Assert.IsType<InconsistentStateException>(error);
        Assert.Equal(new TallyView(105, 2, 2), view);
        Assert.Equal(["test", "intruder"], stored.Select(e => e.Actor));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_OfEventTheStateRejectsWhilePipelinedCallsPend_SeesThemInTheReloadedStateAndTheyCommit(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        var blocked = grain.BlockAsync();
        var before = Enumerable.Range(1, 10).Select(grain.AddAsync).ToList();
        var poisoned = grain.AddPoisonedInTurnAsync(1000);
        var after = Enumerable.Range(11, 10).Select(grain.AddAsync).ToList();
        await WaitForQueueAsync(cluster, key, 22);

        PipelineGates.For(key).SetResult();
        await blocked;
        var totals = await Task.WhenAll(before.Concat(after));
        var outcome = await poisoned;
        var view = await grain.GetAsync();

        Assert.Equal(new AppendOutcome(55, nameof(InvalidOperationException)), outcome);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => n * (n + 1) / 2), totals);
        Assert.Equal(new TallyView(210, 20, 20), view);
        Assert.Equal(1, await grain.GetActivationNumberAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendPipelined_WhenTheFlushCommitsButItsAnswerIsLost_FailsEveryWaiterAndNextCallSeesTheCommittedEvents(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var (key, grain) = await NewGrainAsync(cluster);
        await grain.AddInTurnAsync(5);
        var blocked = grain.BlockAsync();
        var calls = Enumerable.Range(1, 10).Select(grain.AddAsync).ToList();
        await WaitForQueueAsync(cluster, key, 11);
        Faults.FailAppendsAfterCommit(1);

        PipelineGates.For(key).SetResult();
        await blocked;
        var outcomes = await Task.WhenAll(calls.Select(async c => await Record.ExceptionAsync(() => c)));
        var view = await grain.GetAsync();

        Assert.All(outcomes, e => Assert.IsType<StorageWriteException>(e));
        Assert.Equal(new TallyView(60, 11, 11), view);
    }
}
