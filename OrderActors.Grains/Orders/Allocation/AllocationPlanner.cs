using OrderActors.Grains.Rules;
using OrderActors.Grains.Stock;

namespace OrderActors.Grains.Orders;

/// <summary>
/// Chooses warehouses, pure. Per SKU (quantities of repeated SKUs summed): the first rule that matches and whose
/// warehouse has the stock wins. SKUs no rule places fall back (if allowed) to a warehouse with the stock, preferring
/// one already chosen for this order, then the one that can ship the most of the order, then the most available.
/// </summary>
public static class AllocationPlanner
{
    public static AllocationPlan Plan(
        IReadOnlyList<OrderLineView> lines,
        ShippingAddress address,
        string channel,
        IReadOnlyList<string> tags,
        AllocationRules rules,
        IReadOnlyDictionary<string, IReadOnlyList<WarehouseStockView>> stock)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(stock);
        var needs = Needs(lines);
        var chosen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var unplaced = new List<string>();
        foreach (var (sku, (quantity, category)) in needs)
        {
            var rule = rules.Rules.FirstOrDefault(r => Matches(r, sku, category, address, channel, tags) && Available(stock, sku, r.Warehouse) >= quantity);
            if (rule is not null)
            {
                chosen[sku] = rule.Warehouse;
            }
            else
            {
                unplaced.Add(sku);
            }
        }

        var unshippable = new List<string>();
        foreach (var sku in unplaced)
        {
            var quantity = needs[sku].Quantity;
            var candidates = rules.FallbackByStock
                ? (stock.TryGetValue(sku, out var views) ? views : []).Where(w => w.Available >= quantity).Select(w => w.Warehouse).ToList()
                : [];
            if (candidates.Count == 0)
            {
                unshippable.Add(sku);
                continue;
            }

            chosen[sku] = candidates
                .OrderByDescending(w => chosen.ContainsValue(w))
                .ThenByDescending(w => needs.Count(n => Available(stock, n.Key, w) >= n.Value.Quantity))
                .ThenByDescending(w => Available(stock, sku, w))
                .ThenBy(w => w, StringComparer.Ordinal)
                .First();
        }

        return new AllocationPlan(chosen, unshippable);
    }

    /// <summary>Quantities per SKU in ordinal SKU order (repeated SKUs summed), with the first category given.</summary>
    public static SortedDictionary<string, (int Quantity, string? Category)> Needs(IEnumerable<OrderLineView> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var needs = new SortedDictionary<string, (int Quantity, string? Category)>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            needs[line.Sku] = needs.TryGetValue(line.Sku, out var n) ? (n.Quantity + line.Quantity, n.Category ?? line.Category) : (line.Quantity, line.Category);
        }

        return needs;
    }

    public static bool Matches(AllocationRule rule, string sku, string? category, ShippingAddress address, string channel, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(address);
        return In(rule.Provinces, address.Province) && In(rule.Cities, address.City) && In(rule.Categories, category)
            && In(rule.Skus, sku) && In(rule.Channels, channel)
            && (rule.Tags.Count == 0 || tags.Any(t => rule.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
            && (category is null || !rule.ExcludeCategories.Contains(category, StringComparer.OrdinalIgnoreCase));
    }

    private static bool In(IReadOnlyList<string> allowed, string? value) =>
        allowed.Count == 0 || (value is not null && allowed.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase));

    private static int Available(IReadOnlyDictionary<string, IReadOnlyList<WarehouseStockView>> stock, string sku, string warehouse) =>
        stock.TryGetValue(sku, out var views) ? views.FirstOrDefault(w => w.Warehouse == warehouse)?.Available ?? 0 : 0;
}
