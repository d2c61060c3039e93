using System.Collections.Concurrent;

namespace OrderActors.Api.Orders;

/// <summary>
/// SKUs that checkout validation found stocked in a warehouse, so it need not ask their grains again. Exact, never
/// stale: once a SKU has a warehouse it keeps it (a count to zero leaves the warehouse with nothing on hand; nothing
/// removes one), so a SKU known this way stays known on every silo. A SKU known only by its presale allowance is not
/// remembered, as the allowance can go back to zero. Bounded: past <see cref="Capacity"/> SKUs the rest are asked each time.
/// </summary>
public sealed class KnownSkuCache
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>SKUs remembered.</summary>
    public int Count => Volatile.Read(ref _count);

    public bool Contains(string sku) => _known.ContainsKey(sku);

    /// <summary>Remembers a SKU that has at least one warehouse; false when it was already remembered or the cache is full.</summary>
    public bool Add(string sku)
    {
        if (Volatile.Read(ref _count) >= Capacity || !_known.TryAdd(sku, 0))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }
}
