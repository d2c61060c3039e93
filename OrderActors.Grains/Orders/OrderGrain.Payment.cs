using OrderActors.Grains.Customers;
using OrderActors.Grains.Orders.Events;

namespace OrderActors.Grains.Orders;

/// <summary>Payment: confirming it, and opening again an order its payment hold cancelled that the channel says is paid.</summary>
public sealed partial class OrderGrain
{
    public async Task<OrderView> ConfirmPaymentAsync(ConfirmPayment command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.PaymentId, "paymentId", 100);
        OrderValidation.Required(command.Actor, "actor");
        OrderValidation.Amount(command.Amount, "amount");

        OrderGuards.EnsureExists(State, Id);
        if (State.Status != OrderStatus.PendingPayment && State.PaymentId == command.PaymentId)
        {
            return await ViewAsync();
        }

        if (command.ReopenIfHoldExpired && State.Status == OrderStatus.Cancelled && State.CancelReason == HoldExpiredReason)
        {
            return await ReopenPaidAsync(command);
        }

        OrderGuards.EnsureStatus(State, "pay", OrderStatus.PendingPayment);
        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        var awaiting = await Stock(command.Actor).ConfirmAsync(OrderStock.Needs(State.Lines));
        var events = new List<object> { new PaymentConfirmed(command.PaymentId, command.Amount, now) };
        if (awaiting is not null)
        {
            events.Add(new HoldOpened(HoldCodes.AwaitingPresaleStock, AwaitingDetail(awaiting), now));
        }

        if (rules.Exceptions.PaymentNotReceived.Enabled && command.Amount < State.TotalAmount)
        {
            var finding = ExceptionChecker.PaymentShort(command.Amount, State.TotalAmount);
            events.Add(new HoldOpened(finding.Code, finding.Detail, now));
        }

        await AppendHoldEndedAsync(events, command.Actor, rules);
        return await AfterChangeAsync(rules);
    }

    /// <summary>
    /// A marketplace says an order is paid that this service cancelled when its payment hold ran out (marketplaces keep an
    /// unpaid order open for hours or days; the hold only bounds how long stock is kept for it). The buyer has paid, so the
    /// order is opened again and paid: its stock is reserved and confirmed again (short stock becomes a hold, as for any
    /// marketplace order), the customer's record of the cancellation's refund is taken back, and the order goes on from Paid.
    /// Each step is idempotent by order, so a redelivery after a failure in between finishes it.
    /// </summary>
    private async Task<OrderView> ReopenPaidAsync(ConfirmPayment command)
    {
        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        var (shortage, _, presale) = await Stock(command.Actor).ReserveAsync(OrderStock.Needs(State.Lines), expiresAt: null, allowShortage: true, confirm: true);
        await ReverseCancelRefundAsync(command.Actor);
        var events = new List<object>
        {
            new OrderReopened("paid on the channel after the payment hold ran out", now),
            new PaymentConfirmed(command.PaymentId, command.Amount, now),
        };
        if (presale is not null)
        {
            events.Add(new HoldOpened(HoldCodes.AwaitingPresaleStock, AwaitingDetail(presale), now));
        }

        if (shortage is not null && rules.Exceptions.InsufficientStock.Enabled)
        {
            events.Add(new HoldOpened(HoldCodes.InsufficientStock, ExceptionChecker.ShortageDetail(shortage), now));
        }

        if (rules.Exceptions.PaymentNotReceived.Enabled && command.Amount < State.TotalAmount)
        {
            var finding = ExceptionChecker.PaymentShort(command.Amount, State.TotalAmount);
            events.Add(new HoldOpened(finding.Code, finding.Detail, now));
        }

        await AppendHoldEndedAsync(events, command.Actor, rules);
        return await AfterChangeAsync(rules);
    }

    /// <summary>Takes back the refund <see cref="CancelAndReleaseAsync"/> recorded with the customer (same conditions, same id).</summary>
    private async Task ReverseCancelRefundAsync(string actor)
    {
        if (State.TotalAmount > 0 && State.MergedFrom.Count == 0 && PhoneNumbers.TryNormalize(State.Customer.Phone, out var phone))
        {
            var customerOrderId = State.ParentOrderId ?? Id;
            await GrainFactory.GetGrain<ICustomerGrain>(phone).ReverseRefundAsync(
                new CustomerRefund(customerOrderId, $"{Id}-cancel", State.TotalAmount, "paid on the channel after the payment hold ran out", actor));
        }
    }
}
