using OrderActors.Runtime;

namespace OrderActors.Grains.Rules;

/// <summary>
/// The current rule book, cached per silo so that orders do not all call one hot rules grain. The rules grain pushes
/// every accepted change here; the first read after start loads it from the grain. Single-node: on a cluster each
/// silo's cache would need a change notification (see docs/decisions.md).
/// </summary>
public sealed class RulesCache
{
    private volatile RuleBook? _current;

    public RuleBook? Current => _current;

    public async ValueTask<RuleBook> GetAsync(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var current = _current;
        if (current is not null)
        {
            return current;
        }

        var loaded = await grains.GetGrain<IRulesGrain>(RuleBook.DefaultKey).GetAsync();
        Update(loaded);
        return _current!;
    }

    /// <summary>Takes a newer rule book; an older one (a late reader) never replaces a newer one.</summary>
    public void Update(RuleBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        while (true)
        {
            var current = _current;
            if (current is not null && current.Version > book.Version)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _current, book, current) == current)
            {
                return;
            }
        }
    }
}
