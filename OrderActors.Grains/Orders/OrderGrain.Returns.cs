using OrderActors.Grains.Orders.Events;

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

        var paid = State.PaidAmount > 0 ? State.PaidAmount : State.TotalAmount;
        var amount = command.RefundAmount ?? paid;
        if (amount < 0 || amount > paid)
        {
            throw DomainException.Validation("validation.out_of_range", "refundAmount", $"The refund is 0 to {paid}.");
        }

        // The customer's refund first: it is the step that can refuse (a refund above what the customer's record
        // holds for the order), and a refusal after the restock left the units counted twice. Both steps are keyed by
        // the return, so a retry after a failure in between does neither twice.
        await RecordRefundAsync("return", amount, State.ReturnReason ?? "return", command.Actor);
        await Stock(command.Actor).RestockAsync(OrderStock.Needs(State.Lines), warehouse, $"{Id}-return");
        var now = time.GetUtcNow();
        await journal.AppendAsync([new ReturnReceived(warehouse, now), new OrderRefunded($"CN-{Id}", amount, now)], command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    private static string InterceptReason(string reason) => $"refund requested: {reason}";
}
