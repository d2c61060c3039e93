using System.Globalization;
using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Pipelining;

[GrainType("pipetally")]
public sealed class PipelinedTallyGrain(IJournal<TallyState> journal, TestProbe probe) : Grain, IPipelinedTallyGrain
{
    private int _activationNumber;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activationNumber = Interlocked.Increment(ref probe.DeliveryAttempts);
        return Task.CompletedTask;
    }

    public async Task<int> AddAsync(int amount)
    {
        var durable = journal.AppendPipelinedAsync([new TallyAdded(amount)], "test");
        var total = journal.State.Total;
        probe.Log.Enqueue($"{GetPrimaryKeyString()} add {amount}");
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

    public async Task<int> AddPoisonedAsync(int amount)
    {
        var durable = journal.AppendPipelinedAsync([new TallyPoisoned(amount)], "test");
        var total = journal.State.Total;
        await durable;
        return total;
    }

    public Task<string?> AddPoisonedThenReadAsync(int amount)
    {
        try
        {
            _ = journal.AppendPipelinedAsync([new TallyPoisoned(amount)], "test");
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            return Task.FromResult<string?>(journal.State.Total.ToString(CultureInfo.InvariantCulture));
        }
        catch (InvalidOperationException ex)
        {
            return Task.FromResult<string?>(ex.InnerException?.Message);
        }
    }

    public async Task<AppendOutcome> AddPoisonedInTurnAsync(int amount)
    {
        try
        {
            await journal.AppendAsync(new TallyPoisoned(amount), "test");
            return new AppendOutcome(journal.State.Total, null);
        }
        catch (InvalidOperationException ex)
        {
            return new AppendOutcome(journal.State.Total, ex.GetType().Name);
        }
    }

    public Task<int> GetActivationNumberAsync() => Task.FromResult(_activationNumber);
}
