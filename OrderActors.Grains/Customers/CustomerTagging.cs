namespace OrderActors.Grains.Customers;

/// <summary>Evaluates the tags of <see cref="CustomerTags"/> against a clock, and when they may next change.</summary>
public static class CustomerTagging
{
    public static decimal Spend90Days(IEnumerable<CustomerOrderEntry> orders, DateTimeOffset now) =>
        orders.Where(o => InWindow(o.PlacedAt, now)).Sum(o => o.Amount - o.Refunded);

    public static IReadOnlyList<string> Evaluate(IReadOnlyCollection<CustomerOrderEntry> orders, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var tags = new List<string>(2);
        if (orders.Count == 0)
        {
            return tags;
        }

        if (Spend90Days(orders, now) >= CustomerTags.HighValueSpend)
        {
            tags.Add(CustomerTags.HighValue);
        }

        if (now - orders.Max(o => o.PlacedAt) >= CustomerTags.ChurnAfter)
        {
            tags.Add(CustomerTags.ChurnRisk);
        }

        return tags;
    }

    /// <summary>The next moment the tags can change without a new order or refund: an order leaving the 90-day window, or the churn line.</summary>
    public static DateTimeOffset? NextChange(IReadOnlyCollection<CustomerOrderEntry> orders, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0)
        {
            return null;
        }

        DateTimeOffset? next = null;
        var churnAt = orders.Max(o => o.PlacedAt) + CustomerTags.ChurnAfter;
        if (churnAt > now)
        {
            next = churnAt;
        }

        foreach (var order in orders)
        {
            var leaves = order.PlacedAt + CustomerTags.HighValueWindow;
            if (leaves > now && order.PlacedAt <= now && (next is null || leaves < next))
            {
                next = leaves;
            }
        }

        return next;
    }

    private static bool InWindow(DateTimeOffset placedAt, DateTimeOffset now) =>
        placedAt <= now && now - placedAt < CustomerTags.HighValueWindow;
}
