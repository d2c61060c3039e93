namespace OrderActors.Grains.Orders;

/// <summary>The warehouse chosen for each SKU of an order (ordinal SKU order), and the SKUs no warehouse can ship.</summary>
public sealed record AllocationPlan(IReadOnlyDictionary<string, string> WarehouseBySku, IReadOnlyList<string> Unshippable)
{
    /// <summary>The single warehouse that ships everything, or null when the order needs a split (or cannot ship).</summary>
    public string? SingleWarehouse =>
        Unshippable.Count == 0 && WarehouseBySku.Values.Distinct(StringComparer.Ordinal).Count() == 1 ? WarehouseBySku.Values.First() : null;

    public IReadOnlyList<string> Warehouses => WarehouseBySku.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
