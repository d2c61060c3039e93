using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Pipelining;

[GrainType("pipetally")]
public sealed class PipelinedTallyGrain(IJournal<TallyState> journal) : Grain, IPipelinedTallyGrain
{
    public async Task<int> AddAsync(int amount)
    {
        var durable = journal.AppendPipelinedAsync([new TallyAdded(amount)], "test");
        var total = journal.State.Total;
        await durable;
        return total;
    }

    public async Task<int> AddInTurnAsync(int amount)
    {
        await journal.AppendAsync(new TallyAdded(amount), "test");
        return journal.State.Total;
    }

    public Task<TallyView> GetAsync() => Task.FromResult(new TallyView(journal.State.Total, journal.State.Count, journal.Version));

    public Task BlockAsync() => PipelineGates.For(GetPrimaryKeyString()).Task;
}
