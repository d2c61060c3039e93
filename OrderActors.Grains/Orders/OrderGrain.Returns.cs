using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;

namespace OrderActors.Grains.Orders;

/// <summary>Refund requests: interception before shipping, returns after; receipt restocks and records the credit note.</summary>
public sealed partial class OrderGrain
{
    public async Task<OrderView> RequestReturnAsync(RequestReturn command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Reason, "reason", 500);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.Status is OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.Refunded
            || (State.Status == OrderStatus.Cancelled && State.CancelReason == InterceptReason(command.Reason)))
        {
            return await ViewAsync();
        }

        switch (State.Status)
        {
            case OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated or OrderStatus.Packed:
                var rules = await RulesAsync();
                await CancelAndReleaseAsync(InterceptReason(command.Reason), command.Actor, rules);
                return await AfterChangeAsync(rules);
            case OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed:
                await journal.AppendAsync(new ReturnRequested(command.Reason, time.GetUtcNow()), command.Actor);
                break;
            default:
                OrderGuards.ThrowInvalid(State, "request a refund for");
                break;
        }

        return await AfterChangeAsync(await RulesAsync());
    }

    public async Task<OrderView> ReceiveReturnAsync(ReceiveReturn command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        OrderValidation.MaxLength(command.Warehouse, "warehouse", 64);
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Refunded)
        {
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "receive a return for", OrderStatus.ReturnRequested);
        var warehouse = string.IsNullOrWhiteSpace(command.Warehouse) ? State.Warehouse : command.Warehouse.Trim();
        if (warehouse is null)
        {
            throw DomainException.Validation("validation.required", "warehouse", "Name the warehouse that received the return.");
        }

        var rules = await RulesAsync();
        await EnsureKnownWarehouseAsync(warehouse, rules.Allocation, command.Actor);
        // A return of one buyer's part of a merged shipment brings back and refunds that part only.
        var lines = State.ReturnLines ?? State.Lines;
        var paid = State.ReturnAmount ?? (State.PaidAmount > 0 ? State.PaidAmount : State.TotalAmount);
        var amount = command.RefundAmount ?? paid;
        if (amount < 0 || amount > paid)
        {
            throw DomainException.Validation("validation.out_of_range", "refundAmount", $"The refund is 0 to {paid}.");
        }

        // The customer's refund first: it is the step that can refuse (a refund above what the customer's record
        // holds for the order), and a refusal after the restock left the units counted twice. Both steps are keyed by
        // the return, so a retry after a failure in between does neither twice.
        await RecordRefundAsync("return", amount, State.ReturnReason ?? "return", command.Actor, ownShare: State.ReturnLines is not null);
        await Stock(command.Actor).RestockAsync(OrderStock.Needs(lines), warehouse, $"{Id}-return");
        var now = time.GetUtcNow();
        await journal.AppendAsync([new ReturnReceived(warehouse, now), new OrderRefunded($"CN-{Id}", amount, now)], command.Actor);
        return await AfterChangeAsync(rules);
    }

    /// <summary>
    /// A warehouse is known when the order shipped from it, an allocation rule names it, or one of the order's SKUs has
    /// stock levels there (received or counted, even to 0). Anything else is most likely a typo, and restocking there
    /// would make it a warehouse of those SKUs that allocation by stock could then pick to ship from.
    /// </summary>
    private async Task EnsureKnownWarehouseAsync(string warehouse, AllocationRules allocation, string actor)
    {
        if (string.Equals(warehouse, State.Warehouse, StringComparison.Ordinal)
            || allocation.Rules.Any(r => string.Equals(r.Warehouse, warehouse, StringComparison.Ordinal)))
        {
            return;
        }

        var (levels, _) = await Stock(actor).WarehousesBeforeAsync(OrderStock.Needs(State.Lines).Keys, []);
        if (levels.Values.Any(warehouses => warehouses.Any(w => string.Equals(w.Warehouse, warehouse, StringComparison.Ordinal))))
        {
            return;
        }

        throw DomainException.Validation(
            OrderErrors.UnknownWarehouse,
            "warehouse",
            $"Warehouse '{warehouse}' is not known: the order shipped from {State.Warehouse ?? "no warehouse"}, no allocation rule names it, " +
            "and none of the order's SKUs has stock there. Check the name; a new warehouse starts with a receipt or a count of its stock.");
    }

    private static string InterceptReason(string reason) => $"refund requested: {reason}";
}
