using System.Numerics;
using System.Text.Json.Serialization;

namespace OrderActors.Grains.Stock;

/// <summary>
/// The last <see cref="Capacity"/> holdings a SKU closed (shipped, released, expired), so a repeated call answers the
/// same. Compact, because every SKU keeps up to 2,048 of them: a ring of 24-byte inline slots in close order (the
/// oldest overwritten first; no object per holding, no second list) and an open-addressing index of slot numbers
/// (linear probing, 8 bytes per holding) instead of a dictionary that would hold the keys and values over again.
/// Serialized as the array of <see cref="ClosedHolding"/> it always was, oldest first, so older snapshots read back.
/// </summary>
[JsonConverter(typeof(ClosedHoldingsJsonConverter))]
public sealed class ClosedHoldings
{
    private ClosedHoldingSlot[] _ring = [];

    // Ring slot + 1 per used position, 0 when empty; a power of two at least twice the ring, so probes stay short.
    private int[] _index = [];
    private int _oldest;
    private int _count;
    private string? _lastWarehouse;

    public ClosedHoldings()
        : this(SkuStockState.RecentCapacity)
    {
    }

    public ClosedHoldings(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many closings are remembered; the oldest is forgotten when one more closes.</summary>
    public int Capacity { get; }

    /// <summary>Closings remembered (an order closed twice, reserved again after a release, counts twice).</summary>
    public int Count => _count;

    /// <summary>The order's latest remembered closing.</summary>
    public bool TryGet(string orderId, out ClosedHolding closed)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        var position = Find(orderId);
        if (position >= 0)
        {
            var s = _ring[_index[position] - 1];
            closed = new ClosedHolding(s.OrderId, s.Status, s.Quantity, s.Warehouse);
            return true;
        }

        closed = null!;
        return false;
    }

    public void Add(string orderId, HoldingStatus status, int quantity, string? warehouse)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        int slot;
        if (_count < Capacity)
        {
            // Until the ring is full it fills from slot 0 and only grows, so the oldest stays in slot 0.
            if (_count == _ring.Length)
            {
                Grow();
            }

            slot = _count++;
        }
        else
        {
            slot = _oldest;
            _oldest = (_oldest + 1) % Capacity;
            Unindex(slot);
        }

        _ring[slot] = new ClosedHoldingSlot(orderId, Share(warehouse), quantity, status);
        Index(slot);
    }

    /// <summary>Every remembered closing, oldest first (the serialized order).</summary>
    public IEnumerable<ClosedHolding> OldestFirst()
    {
        for (var i = 0; i < _count; i++)
        {
            var s = _ring[(_oldest + i) % _ring.Length];
            yield return new ClosedHolding(s.OrderId, s.Status, s.Quantity, s.Warehouse);
        }
    }

    private static int Home(string orderId, int mask) => orderId.GetHashCode(StringComparison.Ordinal) & mask;

    /// <summary>The index position holding <paramref name="orderId"/>, or the complement of the empty position where it would go.</summary>
    private int Find(string orderId)
    {
        if (_index.Length == 0)
        {
            return -1;
        }

        var mask = _index.Length - 1;
        for (var position = Home(orderId, mask); ; position = (position + 1) & mask)
        {
            var entry = _index[position];
            if (entry == 0)
            {
                return ~position;
            }

            if (string.Equals(_ring[entry - 1].OrderId, orderId, StringComparison.Ordinal))
            {
                return position;
            }
        }
    }

    /// <summary>Points the slot's order at it; a later closing of an order replaces its earlier one.</summary>
    private void Index(int slot)
    {
        var position = Find(_ring[slot].OrderId);
        _index[position >= 0 ? position : ~position] = slot + 1;
    }

    /// <summary>Forgets the slot's order, unless the index points at a later closing of it.</summary>
    private void Unindex(int slot)
    {
        var position = Find(_ring[slot].OrderId);
        if (position < 0 || _index[position] != slot + 1)
        {
            return;
        }

        // Backward-shift deletion: entries after the hole whose home is not between it and them move into it, so
        // every probe sequence stays unbroken without tombstones.
        var mask = _index.Length - 1;
        var hole = position;
        for (var next = (hole + 1) & mask; _index[next] != 0; next = (next + 1) & mask)
        {
            var home = Home(_ring[_index[next] - 1].OrderId, mask);
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                _index[hole] = _index[next];
                hole = next;
            }
        }

        _index[hole] = 0;
    }

    private void Grow()
    {
        Array.Resize(ref _ring, Math.Min(Capacity, Math.Max(16, _ring.Length * 2)));
        _index = new int[(int)BitOperations.RoundUpToPowerOf2((uint)_ring.Length * 2)];
        for (var slot = 0; slot < _count; slot++)
        {
            Index(slot);
        }
    }

    // A SKU ships from few warehouses: consecutive closings share one string instead of one each read from a snapshot.
    private string? Share(string? warehouse)
    {
        if (warehouse is null || warehouse == _lastWarehouse)
        {
            return warehouse is null ? null : _lastWarehouse;
        }

        _lastWarehouse = warehouse;
        return warehouse;
    }
}
