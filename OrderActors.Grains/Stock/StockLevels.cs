using System.Text.Json.Serialization;
using OrderActors.Grains.Stock.Events;

namespace OrderActors.Grains.Stock;

/// <summary>
/// The quantities of a SKU: per-warehouse on-hand and allocated, unallocated reservations, and the settings.
/// Every event's effect on quantities is self-contained (the event says which warehouse and how many), so a command
/// can apply its events to a cheap clone first and check the invariant before anything is persisted.
/// </summary>
public sealed class StockLevels
{
    // True for a clone still reading its original's warehouse map (see Clone).
    private bool _borrowsWarehouses;

    public Dictionary<string, WarehouseLevel> Warehouses { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units reserved by orders and not yet allocated to a warehouse.</summary>
    public int Reserved { get; set; }

    public int SafetyStock { get; set; }

    public int LowStockThreshold { get; set; }

    public int PresaleAllowance { get; set; }

    [JsonIgnore]
    public int OnHand => Saturate(TotalOnHand);

    [JsonIgnore]
    public int Allocated => Saturate(TotalAllocated);

    /// <summary>On-hand across warehouses, summed without overflow.</summary>
    [JsonIgnore]
    public long TotalOnHand
    {
        get
        {
            var total = 0L;
            foreach (var w in Warehouses.Values)
            {
                total += w.OnHand;
            }

            return total;
        }
    }

    [JsonIgnore]
    public long TotalAllocated
    {
        get
        {
            var total = 0L;
            foreach (var w in Warehouses.Values)
            {
                total += w.Allocated;
            }

            return total;
        }
    }

    /// <summary>What reservations may be made against: on-hand across warehouses plus the presale allowance (at most <see cref="StockErrors.MaxTotal"/>).</summary>
    [JsonIgnore]
    public long Cover => TotalOnHand + PresaleAllowance;

    /// <summary>
    /// What a new reservation may take: on-hand + presale − safety − reserved − allocated, at least 0. Counted in
    /// <c>long</c>, and never more than the reserved count can still take, so a SKU whose cover went over the limit
    /// before it was enforced neither shows 0 nor lets reservations wrap round.
    /// </summary>
    [JsonIgnore]
    public int Sellable
    {
        get
        {
            var committed = Reserved + TotalAllocated;
            var free = Cover - SafetyStock - committed;
            return (int)Math.Clamp(free, 0, Math.Max(0, int.MaxValue - committed));
        }
    }

    [JsonIgnore]
    public bool IsLow => LowStockThreshold > 0 && Sellable <= LowStockThreshold;

    public WarehouseLevel Warehouse(string name) => Warehouses.TryGetValue(name, out var level) ? level : new WarehouseLevel();

    /// <summary>
    /// A scratch copy for one decision. It reads this instance's warehouse map until one of its own events changes a
    /// warehouse, and copies the map then: most decisions (reserve, release, confirm) change only totals, and a copied
    /// map per reservation was a tenth of what a hot SKU allocated. This instance must not change while the copy is in
    /// use (a decision runs on a state it does not change).
    /// </summary>
    public StockLevels Clone() => new()
    {
        Warehouses = Warehouses,
        _borrowsWarehouses = true,
        Reserved = Reserved,
        SafetyStock = SafetyStock,
        LowStockThreshold = LowStockThreshold,
        PresaleAllowance = PresaleAllowance,
    };

    /// <summary>Applies the quantity effect of one event (events without one are ignored).</summary>
    public void Apply(object @event)
    {
        switch (@event)
        {
            case StockReceived e:
                Mutable(e.Warehouse).OnHand += e.Quantity;
                break;
            case StockRestocked e:
                Mutable(e.Warehouse).OnHand += e.Quantity;
                break;
            case StockCounted e:
                Mutable(e.Warehouse).OnHand = e.OnHand;
                break;
            case StockConfigured e:
                SafetyStock = e.SafetyStock;
                LowStockThreshold = e.LowStockThreshold;
                PresaleAllowance = e.PresaleAllowance;
                break;
            case StockReserved e:
                Reserved += e.Quantity;
                break;
            case StockReleased { Warehouse: null } e:
                Reserved -= e.Quantity;
                break;
            case StockReleased e:
                Mutable(e.Warehouse!).Allocated -= e.Quantity;
                break;
            case StockAllocated e:
                Reserved -= e.Quantity;
                Mutable(e.Warehouse).Allocated += e.Quantity;
                break;
            case StockUnallocated e:
                Reserved += e.Quantity;
                Mutable(e.Warehouse).Allocated -= e.Quantity;
                break;
            case StockShipped e:
                var shipped = Mutable(e.Warehouse);
                shipped.Allocated -= e.Quantity;
                shipped.OnHand -= e.Quantity;
                break;
            default:
                break;
        }
    }

    /// <summary>Describes the first broken invariant, or null when <c>reserved + allocated ≤ on-hand + presale</c> and nothing is negative.</summary>
    public string? FindViolation()
    {
        if (Reserved < 0 || SafetyStock < 0 || LowStockThreshold < 0 || PresaleAllowance < 0)
        {
            return $"negative quantity: reserved {Reserved}, safety {SafetyStock}, threshold {LowStockThreshold}, presale {PresaleAllowance}";
        }

        foreach (var (name, w) in Warehouses)
        {
            if (w.OnHand < 0 || w.Allocated < 0 || w.Allocated > w.OnHand)
            {
                return $"warehouse {name}: on-hand {w.OnHand}, allocated {w.Allocated}";
            }
        }

        var committed = Reserved + TotalAllocated;
        return committed > Cover
            ? $"reserved {Reserved} + allocated {Allocated} exceeds on-hand {OnHand} + presale {PresaleAllowance}"
            : null;
    }

    private static int Saturate(long value) => (int)Math.Min(value, int.MaxValue);

    private WarehouseLevel Mutable(string warehouse)
    {
        if (_borrowsWarehouses)
        {
            var own = new Dictionary<string, WarehouseLevel>(Warehouses.Count + 1, StringComparer.Ordinal);
            foreach (var (name, borrowed) in Warehouses)
            {
                own[name] = borrowed.Clone();
            }

            Warehouses = own;
            _borrowsWarehouses = false;
        }

        if (!Warehouses.TryGetValue(warehouse, out var level))
        {
            level = new WarehouseLevel();
            Warehouses[warehouse] = level;
        }

        return level;
    }
}
