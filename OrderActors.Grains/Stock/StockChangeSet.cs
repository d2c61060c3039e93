using OrderActors.Grains.Stock.Events;

namespace OrderActors.Grains.Stock;

/// <summary>
/// Collects one command's events while applying their quantity effects to a clone of the levels, so the command
/// decides against what the state will be and the invariant is checked before anything is persisted. Completing it
/// adds the derived feed events: the new sellable quantity and a low-stock crossing.
/// </summary>
public sealed class StockChangeSet(SkuStockState state)
{
    private readonly List<object> _events = [];

    /// <summary>The levels as they will be once the events so far are applied.</summary>
    public StockLevels Levels { get; } = state.Levels.Clone();

    public bool IsEmpty => _events.Count == 0;

    public void Add(object @event)
    {
        Levels.Apply(@event);
        _events.Add(@event);
    }

    /// <summary>The events to append, or <see cref="InvalidOperationException"/> if they would break the invariant (a bug, never persisted).</summary>
    public IReadOnlyList<object> Complete()
    {
        if (_events.Count == 0)
        {
            return _events;
        }

        var violation = Levels.FindViolation();
        if (violation is not null)
        {
            throw new InvalidOperationException($"Stock invariant would be violated ({violation}); nothing was persisted.");
        }

        var before = state.Levels.Sellable;
        var after = Levels.Sellable;
        if (before != after)
        {
            _events.Add(new SellableChanged(after, before, Levels.OnHand, Levels.Reserved, Levels.Allocated, Levels.PresaleAllowance));
        }

        var low = Levels.IsLow;
        if (low != state.IsLow)
        {
            _events.Add(low ? new StockLow(after, Levels.LowStockThreshold) : new StockReplenished(after, Levels.LowStockThreshold));
        }

        return _events;
    }
}
