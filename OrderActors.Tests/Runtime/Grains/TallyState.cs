using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Runtime.Grains;

public sealed class TallyState : IJournaledState, IIndexedState
{
    public int Total { get; set; }

    public int Count { get; set; }

    public void Apply(object @event)
    {
        switch (@event)
        {
            case TallyAdded added:
                Total += added.Amount;
                Count++;
                break;
            case TallyPoisoned poisoned:
                Total += poisoned.Amount;
                throw new InvalidOperationException("poisoned event rejected");
            default:
                throw new ArgumentException($"Unknown event {@event.GetType().Name}", nameof(@event));
        }
    }

    public IReadOnlyList<IndexEntry> GetIndexEntries() =>
        [new IndexEntry("total", IndexValues.Number(Total)), new IndexEntry("parity", Total % 2 == 0 ? "even" : "odd")];
}
