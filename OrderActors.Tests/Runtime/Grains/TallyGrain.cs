using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Tests.Runtime.Grains;

[GrainType("tally")]
public sealed class TallyGrain(IJournal<TallyState> journal, TestProbe probe) : Grain, ITallyGrain
{
    private int _activationNumber;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (probe.ShouldFailActivation())
        {
            throw new InvalidOperationException("activation failure injected by the test");
        }

        _activationNumber = Interlocked.Increment(ref probe.DeliveryAttempts);
        return Task.CompletedTask;
    }

    public async Task<int> AddAsync(int amount)
    {
        await journal.AppendAsync(new TallyAdded(amount), "test");
        return journal.State.Total;
    }

    public Task<TallyView> GetAsync() => Task.FromResult(new TallyView(journal.State.Total, journal.State.Count, journal.Version));

    public Task<AppendOutcome> AddAndObserveAsync(int amount) => ObserveAsync(new TallyAdded(amount));

    public Task<AppendOutcome> AddPoisonedAsync(int amount) => ObserveAsync(new TallyPoisoned(amount));

    public Task<AppendOutcome> AddUnnamedAsync(int amount) => ObserveAsync(new UnnamedEvent(amount));

    public Task<int> GetActivationNumberAsync() => Task.FromResult(_activationNumber);

    public async Task<AppendOutcome> AddTwiceWithoutAwaitingAsync(int first, int second)
    {
        var pending = journal.AppendAsync(new TallyAdded(first), "test");
        var outcome = await ObserveAsync(new TallyAdded(second));
        await pending;
        return outcome with { TotalAfter = journal.State.Total };
    }

    public Task LeaveAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task<AppendOutcome> ObserveAsync(object @event)
    {
        try
        {
            await journal.AppendAsync(@event, "test");
            return new AppendOutcome(journal.State.Total, null);
        }
#pragma warning disable CA1031 // the test grain reports any failure to the test
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new AppendOutcome(journal.State.Total, ex.GetType().Name);
        }
    }
}
