using System.Globalization;
using System.Text;
using OrderActors.Grains.Customers.Events;

namespace OrderActors.Grains.Customers;

/// <summary>The customer's rules as pure functions: identity by address similarity, cross-channel duplicates, refunds, tags.</summary>
public static class CustomerDecisions
{
    public static IReadOnlyList<object> RecordOrder(CustomerState state, CustomerOrder command, DateTimeOffset now)
    {
        Validate(command);
        if (state.FindOrder(command.OrderId) is not null)
        {
            return [];
        }

        var address = new CustomerAddress(command.Address.Province ?? string.Empty, command.Address.City ?? string.Empty, command.Address.District ?? string.Empty, command.Address.Detail ?? string.Empty);
        var normalized = AddressSimilarity.Normalize(address);
        var (addressIndex, similarity) = MatchAddress(state, normalized);
        var itemsKey = ItemsKey(command.Items);
        var duplicate = FindDuplicate(state.Orders, state.Orders.Count, command.Channel, command.PlacedAt, command.DuplicateWindow, normalized, itemsKey);
        var recorded = new CustomerOrderRecorded(
            command.OrderId,
            command.Channel,
            command.Name?.Trim() ?? string.Empty,
            address,
            normalized,
            addressIndex,
            itemsKey,
            command.Amount,
            command.PlacedAt,
            similarity,
            duplicate?.OrderId,
            duplicate?.Channel);

        var projected = new List<CustomerOrderEntry>(state.Orders)
        {
            new() { OrderId = command.OrderId, Channel = command.Channel, Amount = command.Amount, PlacedAt = command.PlacedAt, ItemsKey = itemsKey, NormalizedAddress = normalized },
        };
        return WithTags(state, recorded, projected, now);
    }

    public static IReadOnlyList<object> RecordRefund(CustomerState state, CustomerRefund command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        Require(command.OrderId, "orderId");
        Require(command.RefundId, "refundId");
        Require(command.Actor, "actor");
        if (command.Amount <= 0)
        {
            throw DomainException.Validation("customer.invalid_amount", "amount", "A refund amount must be positive.");
        }

        var order = state.FindOrder(command.OrderId)
            ?? throw DomainException.NotFound("customer.order_not_found", $"Order {command.OrderId} is not one of this customer's orders.");
        if (order.RefundIds.Contains(command.RefundId))
        {
            return [];
        }

        if (order.Refunded + command.Amount > order.Amount)
        {
            throw DomainException.Conflict("customer.refund_exceeds_amount", $"Refunding {command.Amount} would exceed order {command.OrderId}'s amount {order.Amount} (already refunded {order.Refunded}).");
        }

        var refund = new CustomerRefundRecorded(command.OrderId, command.RefundId, command.Amount, string.IsNullOrWhiteSpace(command.Reason) ? "refund" : command.Reason);
        var projected = state.Orders
            .Select(o => o.OrderId == command.OrderId ? Copy(o, o.Refunded + command.Amount) : o)
            .ToList();
        return WithTags(state, refund, projected, now);
    }

    /// <summary>Takes back a refund recorded earlier (by its id); nothing when it is not recorded, so a retry is a no-op.</summary>
    public static IReadOnlyList<object> ReverseRefund(CustomerState state, CustomerRefund command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        Require(command.OrderId, "orderId");
        Require(command.RefundId, "refundId");
        Require(command.Actor, "actor");
        if (state.FindOrder(command.OrderId) is not { } order || !order.RefundIds.Contains(command.RefundId))
        {
            return [];
        }

        var amount = Math.Min(command.Amount, order.Refunded);
        var reversed = new CustomerRefundReversed(command.OrderId, command.RefundId, amount, string.IsNullOrWhiteSpace(command.Reason) ? "refund reversed" : command.Reason);
        var projected = state.Orders
            .Select(o => o.OrderId == command.OrderId ? Copy(o, o.Refunded - amount) : o)
            .ToList();
        return WithTags(state, reversed, projected, now);
    }

    /// <summary>Takes back an order that was never stored: a forgotten event (with the tags it changes), or nothing when it is not recorded.</summary>
    public static IReadOnlyList<object> ForgetOrder(CustomerState state, ForgetCustomerOrder command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        Require(command.OrderId, "orderId");
        Require(command.Actor, "actor");
        if (state.FindOrder(command.OrderId) is null)
        {
            return [];
        }

        // The orders held as its duplicates are looked at again among the orders recorded before each, as when it was
        // recorded, without the forgotten one: an older real duplicate is still one.
        List<CustomerDuplicateLink>? relinked = null;
        for (var i = 0; i < state.Orders.Count; i++)
        {
            var order = state.Orders[i];
            if (order.DuplicateOfOrderId == command.OrderId
                && FindDuplicate(state.Orders, i, order.Channel, order.PlacedAt, command.DuplicateWindow, order.NormalizedAddress, order.ItemsKey, except: command.OrderId) is { } other)
            {
                (relinked ??= []).Add(new CustomerDuplicateLink(order.OrderId, other.OrderId, other.Channel));
            }
        }

        var forgotten = new CustomerOrderForgotten(command.OrderId, string.IsNullOrWhiteSpace(command.Reason) ? "order never stored" : command.Reason, relinked);
        return WithTags(state, forgotten, state.Orders.Where(o => o.OrderId != command.OrderId).ToList(), now);
    }

    /// <summary>Re-evaluates the tags at <paramref name="now"/> (the customer's reminder): a change event, or nothing.</summary>
    public static IReadOnlyList<object> RefreshTags(CustomerState state, DateTimeOffset now)
    {
        var tags = CustomerTagging.Evaluate(state.Orders, now);
        return tags.SequenceEqual(state.Tags) ? [] : [new CustomerTagsChanged(tags)];
    }

    /// <summary>
    /// The order's items as one comparable string: quantities summed per trimmed SKU, SKUs in ordinal order,
    /// <c>SKU-1x2;SKU-7x1</c>. Plain loops over the order's few lines: this runs for every order, and the
    /// GroupBy/OrderBy form of it showed in intake profiles.
    /// </summary>
    public static string ItemsKey(IEnumerable<CustomerOrderItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var totals = new List<(string Sku, int Quantity)>(items.TryGetNonEnumeratedCount(out var count) ? count : 4);
        foreach (var item in items)
        {
            var sku = item.Sku.Trim();
            var index = 0;
            while (index < totals.Count && !string.Equals(totals[index].Sku, sku, StringComparison.Ordinal))
            {
                index++;
            }

            if (index == totals.Count)
            {
                totals.Add((sku, item.Quantity));
            }
            else
            {
                totals[index] = (sku, checked(totals[index].Quantity + item.Quantity));
            }
        }

        totals.Sort(static (a, b) => string.CompareOrdinal(a.Sku, b.Sku));
        var key = new StringBuilder();
        foreach (var (sku, quantity) in totals)
        {
            if (key.Length > 0)
            {
                key.Append(';');
            }

            key.Append(CultureInfo.InvariantCulture, $"{sku}x{quantity}");
        }

        return key.ToString();
    }

    private static IReadOnlyList<object> WithTags(CustomerState state, object change, IReadOnlyCollection<CustomerOrderEntry> projected, DateTimeOffset now)
    {
        var tags = CustomerTagging.Evaluate(projected, now);
        return tags.SequenceEqual(state.Tags) ? [change] : [change, new CustomerTagsChanged(tags)];
    }

    private static (int Index, double Similarity) MatchAddress(CustomerState state, string normalized)
    {
        var best = (Index: state.NormalizedAddresses.Count, Similarity: 0.0);
        for (var i = 0; i < state.NormalizedAddresses.Count; i++)
        {
            var similarity = AddressSimilarity.Similarity(state.NormalizedAddresses[i], normalized);
            if (similarity > best.Similarity)
            {
                best = (i, similarity);
            }
        }

        return best.Similarity >= CustomerTags.SameAddressSimilarity ? best : (state.NormalizedAddresses.Count, best.Similarity);
    }

    /// <summary>
    /// The latest of the first <paramref name="count"/> recorded orders (but <paramref name="except"/>) that an order from
    /// <paramref name="channel"/> placed at <paramref name="placedAt"/> seems to repeat: not cancelled, another channel,
    /// within the window, the same items, a similar address.
    /// </summary>
    private static CustomerOrderEntry? FindDuplicate(
        List<CustomerOrderEntry> orders, int count, string channel, DateTimeOffset placedAt, TimeSpan? duplicateWindow, string normalized, string itemsKey, string? except = null)
    {
        var window = duplicateWindow ?? CustomerTags.DefaultDuplicateWindow;
        CustomerOrderEntry? match = null;
        for (var i = 0; i < count; i++)
        {
            var order = orders[i];
            var cancelled = order.Amount > 0 && order.Refunded >= order.Amount;
            if (!cancelled
                && order.OrderId != except
                && !string.Equals(order.Channel, channel, StringComparison.OrdinalIgnoreCase)
                && (order.PlacedAt - placedAt).Duration() <= window
                && order.ItemsKey == itemsKey
                && AddressSimilarity.Similarity(order.NormalizedAddress, normalized) >= CustomerTags.SameAddressSimilarity
                && (match is null || order.PlacedAt > match.PlacedAt))
            {
                match = order;
            }
        }

        return match;
    }

    private static CustomerOrderEntry Copy(CustomerOrderEntry o, decimal refunded) => new()
    {
        OrderId = o.OrderId,
        Channel = o.Channel,
        Amount = o.Amount,
        Refunded = refunded,
        PlacedAt = o.PlacedAt,
        ItemsKey = o.ItemsKey,
        NormalizedAddress = o.NormalizedAddress,
    };

    private static void Validate(CustomerOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Require(command.OrderId, "orderId");
        Require(command.Channel, "channel");
        Require(command.Actor, "actor");
        if (command.Address is null)
        {
            throw DomainException.Validation("customer.address_required", "address", "address is required.");
        }

        if (command.Amount < 0)
        {
            throw DomainException.Validation("customer.invalid_amount", "amount", "An order amount cannot be negative.");
        }

        if (command.Items is null || command.Items.Count == 0 || command.Items.Any(i => string.IsNullOrWhiteSpace(i.Sku) || i.Quantity <= 0))
        {
            throw DomainException.Validation("customer.invalid_items", "items", "An order needs at least one item, each with a SKU and a positive quantity.");
        }
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Validation("customer.invalid_" + field.ToLowerInvariant(), field, $"{field} is required.");
        }
    }
}
