using System.Collections.Concurrent;
using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Tests.Runtime.Grains;
using OrderActors.Tests.Runtime.Pipelining;

namespace OrderActors.Tests.Runtime.Collection;

[GrainType("brief")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class BriefGrain(IJournal<TallyState> journal) : Grain, IBriefGrain
{
    // Per key, across activations and silos of one test (tests use unique keys).
    private static readonly ConcurrentDictionary<string, int> Activations = new(StringComparer.Ordinal);

    private int _activationNumber;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activationNumber = Activations.AddOrUpdate(GetPrimaryKeyString(), 1, static (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task<int> AddAsync(int amount)
    {
        await journal.AppendAsync(new TallyAdded(amount), "test");
        return journal.State.Total;
    }

    public async Task<int> AddPipelinedThenLeaveAsync(int amount)
    {
        var durable = journal.AppendPipelinedAsync([new TallyAdded(amount)], "test");
        var total = journal.State.Total;
        DeactivateOnIdle();
        await durable;
        return total;
    }

    public Task LeaveAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<TallyView> GetAsync() => Task.FromResult(new TallyView(journal.State.Total, journal.State.Count, journal.Version));

    public Task<int> GetActivationNumberAsync() => Task.FromResult(_activationNumber);

    public Task BlockAsync() => PipelineGates.For(GetPrimaryKeyString()).Task;
}
