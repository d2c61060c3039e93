namespace OrderActors.Grains.Customers;

/// <summary>Builds the customer grain's answers from its state.</summary>
public static class CustomerViews
{
    public static CustomerView ToView(string phone, CustomerState state, DateTimeOffset now) => new(
        phone,
        [.. state.Names],
        [.. state.Addresses],
        [.. state.Orders
            .OrderBy(o => o.PlacedAt)
            .Select(o => new CustomerOrderSummary(o.OrderId, o.Channel, o.Amount, o.Refunded, o.PlacedAt))],
        CustomerTagging.Spend90Days(state.Orders, now),
        state.TotalSpend,
        state.LastOrderAt,
        CustomerTagging.Evaluate(state.Orders, now));

    public static CustomerOrderResult ToResult(string phone, CustomerState state, string orderId, bool alreadyRecorded, DateTimeOffset? recentAfter = null)
    {
        var order = state.FindOrder(orderId)!;
        var recent = 0;
        if (recentAfter is { } after)
        {
            foreach (var entry in state.Orders)
            {
                recent += entry.PlacedAt > after ? 1 : 0;
            }
        }

        return new CustomerOrderResult(
            phone,
            orderId,
            alreadyRecorded,
            IsNewCustomer: state.Orders.Count == 1 && !alreadyRecorded,
            AddressMatched: order.AddressSimilarity >= CustomerTags.SameAddressSimilarity,
            order.AddressSimilarity,
            order.DuplicateOfOrderId is not null,
            order.DuplicateOfOrderId,
            order.DuplicateOfChannel,
            recent);
    }
}
