using Microsoft.Extensions.Options;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;
using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Reminders;

namespace OrderActors.Grains.Orders;

/// <summary>
/// The order state machine. Every command checks first (throwing a <see cref="DomainException"/> before anything
/// changes), then does the stock work on the SKU grains, then appends its events; a repeat of a command that already
/// took effect returns the current view without new events. Split over several files by concern.
/// </summary>
[GrainType("order")]
public sealed partial class OrderGrain(IJournal<OrderState> journal, RulesCache rulesCache, IOptions<OrderOptions> options, TimeProvider time)
    : Grain, IOrderGrain, IRemindable
{
    public const string PaymentHoldReminder = "payment-hold";
    public const string SlaReminder = "sla";
    public const string SystemActor = "system";

    /// <summary>Why the order's own reminder cancelled it: the payment hold ran out.</summary>
    public const string HoldExpiredReason = "payment not received within the hold";

    /// <summary>SKU reservations outlive the order's own hold by this much, so the order's reminder is the one that cancels; the SKU's expiry is the backstop.</summary>
    private static readonly TimeSpan ReservationGrace = TimeSpan.FromMinutes(5);

    /// <summary>How many orders a placement held as a suspected duplicate asks, one after another, whether they were ever stored.</summary>
    private const int MaxUnstoredDuplicatesAsked = 4;

    private OrderState State => journal.State;

    private string Id => GetPrimaryKeyString();

    public Task<PlaceOutcome> TryPlaceAsync(PlaceOrder command) => PlaceOrRefuseAsync(command);

    public async Task<OrderView> PlaceAsync(PlaceOrder command) => (await PlaceOrRefuseAsync(command)).OrderOrThrow();

    /// <summary>
    /// Places the order, or returns the stock refusal of an own-store checkout as a value (nothing written); every
    /// other failure throws. <see cref="PlaceAsync"/> turns the refusal back into the exception its callers expect.
    /// </summary>
    private async Task<PlaceOutcome> PlaceOrRefuseAsync(PlaceOrder command)
    {
        OrderValidation.Validate(command);
        var id = Id;
        if (!string.Equals(OrderKeys.For(command.Channel, command.ExternalOrderNo), id, StringComparison.Ordinal))
        {
            throw DomainException.Validation("validation.invalid", "externalOrderNo", $"This order's key is '{id}', not '{OrderKeys.For(command.Channel, command.ExternalOrderNo)}'.");
        }

        if (State.Exists)
        {
            return new PlaceOutcome(await ViewAsync(), Created: false);
        }

        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        var lines = command.Lines.Select(l => new OrderLineView(l.Sku.Trim(), l.Quantity, l.UnitPrice, string.IsNullOrWhiteSpace(l.Category) ? null : l.Category.Trim())).ToList();
        var total = lines.Sum(l => l.Amount);
        var cashOnDelivery = command.PaymentMethod == PaymentMethods.CashOnDelivery;
        var paid = command.Paid || cashOnDelivery;
        var paymentDue = paid ? (DateTimeOffset?)null : now + options.Value.PaymentHold;
        var needs = OrderStock.Needs(lines);
        var stock = Stock(command.Actor);

        // Stock first: an own-store checkout that cannot be served is refused here, before anything is written.
        var own = command.Channel == OrderKeys.OwnChannel;
        StockReservation reservation;
        try
        {
            // An order that arrives paid (most marketplace orders) has its reservations confirmed in the same SKU writes:
            // they never expire, and the stock is confirmed before the order's append, as a payment's would be.
            reservation = paid
                ? await stock.ReserveAsync(needs, expiresAt: null, allowShortage: !own, confirm: true)
                : await stock.ReserveAsync(needs, now + options.Value.PaymentHold + ReservationGrace, allowShortage: !own);
        }
        catch (DomainException)
        {
            // A SKU grain refused the call itself; nothing was written either.
            DeactivateOnIdle();
            throw;
        }

        var (shortage, refusal, presale) = reservation;
        if (refusal is not null)
        {
            // Refused with nothing written (sold out): no order exists under this key to keep in memory.
            DeactivateOnIdle();
            return PlaceOutcome.Refused(refusal);
        }

        // The customer's key; none for a phone that does not normalise (no customer is recorded then).
        var customerPhone = PhoneNumbers.TryNormalize(command.Customer.Phone, out var normalized) ? normalized : null;
        try
        {
            var (duplicateOf, recentOrders) = await RecordWithCustomerAsync(command, customerPhone, lines, total, now, rules.Exceptions);
            var approvals = rules.Exceptions.ApprovalThreshold.Enabled ? ApprovalPolicy.RequiredRoles(total, rules.Approval) : [];
            var findings = ExceptionChecker.CheckPlacement(command, total, approvals, rules.Exceptions, new CheckContext(shortage is not null, duplicateOf, recentOrders, shortage));
            var events = new List<object>
            {
                new OrderPlaced(command.Channel, command.ExternalOrderNo.Trim(), command.Shop.Trim(), command.Customer, Normalize(command.Address), lines,
                    command.BuyerNote, command.PaymentMethod, command.Presale || presale is not null, [.. command.Promotions ?? []], [.. command.Tags ?? []],
                    paymentDue, approvals, null, rules.Version, now, command.ChannelModifiedAt),
            };
            events.AddRange(findings.Select(f => new HoldOpened(f.Code, f.Detail, now)));
            if (paid && presale is not null)
            {
                // Sold beyond what is on hand: it waits for goods, quietly, until a receipt covers it (SkuStockGrain tells it).
                events.Add(new HoldOpened(HoldCodes.AwaitingPresaleStock, AwaitingDetail(presale), now));
            }

            // The stock of a paid order was confirmed with its reservation, before this append: a crash before the
            // append leaves a held reservation (found by the ledger check; `ledger repair` releases it), never a paid
            // order whose stock expired.
            if (paid)
            {
                var paidAt = !cashOnDelivery && command.PaidAt is { } platformPaidAt && platformPaidAt < now ? platformPaidAt : now;
                events.Add(new PaymentConfirmed(command.PaymentId, cashOnDelivery ? 0 : command.PaidAmount ?? total, paidAt));
            }

            // The hold and SLA reminders commit with the events (one transaction, one commit wait): an order never exists
            // without its hold expiry or SLA deadline, and no reminder is left for an order that was never stored.
            var hold = paymentDue is { } due ? ReminderChange.Set(PaymentHoldReminder, due) : null;
            DateTimeOffset? slaDue = null;
            await journal.AppendAsync(events, command.Actor, state => RemindersWithSla(state, rules, hold, out slaDue));
            SlaReminderCommitted(slaDue);
        }
        catch (Exception ex) when (ex is not InconsistentStateException)
        {
            // Another activation may own this order (a stale append); its reservations are not ours to release.
            if (!State.Exists)
            {
                await stock.ReleaseAsync(needs, "placement failed");
                await ForgetAtCustomerAsync(customerPhone, command.Actor, rules.Exceptions.SuspectedDuplicate.Window);
            }

            throw;
        }

        await SyncSlaReminderAsync(rules);
        return new PlaceOutcome(await ViewAsync(), Created: true);
    }

    public async Task<OrderView> GetAsync()
    {
        OrderGuards.EnsureExists(State, Id);
        return await ViewAsync();
    }

    public async Task<OrderView?> FindAsync() => State.Exists ? await ViewAsync() : null;

    public async Task<IReadOnlyList<OrderHistoryEntry>> GetHistoryAsync()
    {
        OrderGuards.EnsureExists(State, Id);
        var entries = new List<JournalEntry>();
        while (true)
        {
            var page = await journal.ReadHistoryAsync(entries.Count == 0 ? 0 : entries[^1].Version, 1000);
            entries.AddRange(page);
            if (page.Count < 1000)
            {
                return OrderHistory.Build(entries);
            }
        }
    }

    public async Task<OrderView> CancelAsync(CancelOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Reason, "reason", 500);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Cancelled && State.UnmergedFrom.Count == 0)
        {
            return await ViewAsync();
        }

        // Part of a merge: the other buyers' lines stay, as on a cancellation on the channel (OrderGrain.Unmerge.cs); a
        // cancelled target tells its merged-in orders again (a stop may have come before they were told).
        if (State.InMerge)
        {
            OrderGuards.EnsureStatus(State, "cancel", OrderStatus.Merged, OrderStatus.Cancelled, OrderStatus.Paid, OrderStatus.Allocated);
            return await CancelMergedAsync(new CancelMerged(command.Reason, command.Actor, ReturnWhenShipped: false) { OnlyBeforePacking = true });
        }

        OrderGuards.EnsureStatus(State, "cancel", OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Allocated);
        var rules = await RulesAsync();
        await CancelAndReleaseAsync(command.Reason, command.Actor, rules);
        return await AfterChangeAsync(rules);
    }

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        if (reminderName == PaymentHoldReminder)
        {
            if (State.Status == OrderStatus.PendingPayment && State.PaymentDueAt is { } due)
            {
                if (due > now)
                {
                    await RegisterOrUpdateReminderAsync(PaymentHoldReminder, due);
                    return;
                }

                await CancelAndReleaseAsync(HoldExpiredReason, SystemActor, rules);
                await SyncSlaReminderAsync(rules);
                return;
            }

            await AfterHoldEndedAsync(rules);
            return;
        }

        if (reminderName == SlaReminder)
        {
            var breaches = Sla.OrderSla.DueBreaches(State, rules.Sla, now);
            if (State.Exists && breaches.Count > 0)
            {
                await journal.AppendAsync([.. breaches], SystemActor);
            }
        }

        await SyncSlaReminderAsync(rules);
    }

    /// <summary>
    /// Releases the stock and records the refund (both idempotent, side by side), then appends the cancellation with the
    /// hold reminder's removal and the SLA reminder's move.
    /// </summary>
    private async Task CancelAndReleaseAsync(string reason, string actor, RuleBook rules)
    {
        await Task.WhenAll(
            Stock(actor).ReleaseAsync(OrderStock.Needs(State.Lines), reason),
            RecordRefundAsync("cancel", State.TotalAmount, reason, actor));
        await AppendHoldEndedAsync([new OrderCancelled(reason, time.GetUtcNow())], actor, rules);
    }

    /// <summary>
    /// Appends the events that end the payment hold (payment, cancellation) with the hold reminder's removal and the SLA
    /// reminder's move in the same transaction: the answer waits for one commit, and once it is given no hold reminder
    /// is left to fire.
    /// </summary>
    private async Task AppendHoldEndedAsync(IReadOnlyList<object> events, string actor, RuleBook rules)
    {
        DateTimeOffset? slaDue = null;
        await journal.AppendAsync(events, actor, state => RemindersWithSla(state, rules, ReminderChange.Remove(PaymentHoldReminder), out slaDue));
        SlaReminderCommitted(slaDue);
    }

    private async Task<(string? DuplicateOf, int RecentOrders)> RecordWithCustomerAsync(
        PlaceOrder command, string? phone, IReadOnlyList<OrderLineView> lines, decimal total, DateTimeOffset now, ExceptionRules rules)
    {
        if (phone is null)
        {
            return (null, 1);
        }

        var customer = GrainFactory.GetGrain<ICustomerGrain>(phone);
        var items = OrderStock.Needs(lines).Select(n => new CustomerOrderItem(n.Key, n.Value)).ToList();
        var address = new CustomerAddress(command.Address.Province ?? "", command.Address.City ?? "", command.Address.District ?? "", command.Address.Detail ?? "");
        // The high-frequency count comes back with the recording: one customer turn per placement, not two.
        var window = rules.HighFrequencyBuyer.Enabled ? rules.HighFrequencyBuyer.Window : (TimeSpan?)null;
        var order = new CustomerOrder(Id, command.Channel, command.Customer.Name, address, items, total, now, command.Actor, rules.SuspectedDuplicate.Window, window);
        var result = await customer.RecordOrderAsync(order);

        // The order this one seems to repeat may never have been stored: recorded with the customer, then its placement
        // failed or the silo stopped before its append. Asked in its own turn (a placement of it in progress finishes
        // first); when it does not exist the customer forgets it, and the recording is read again (idempotent): no
        // longer a duplicate of it (but of an older order it also repeats, if any, which is asked in turn), and the
        // recent orders counted without it. Each answer "never stored" takes an order out of the customer's list, so
        // this ends; it stops after a few, as each question is two grain calls on the placement's path.
        var asked = 0;
        while (result is { SuspectedDuplicate: true, DuplicateOfOrderId: { } other } && other != Id
            && asked++ < MaxUnstoredDuplicatesAsked
            && await GrainFactory.GetGrain<IOrderGrain>(other).ForgetUnstoredAtCustomerAsync(new ForgetUnstoredAtCustomer(phone, "order never stored", command.Actor, rules.SuspectedDuplicate.Window)))
        {
            result = await customer.RecordOrderAsync(order);
        }

        var recent = window is null ? 1 : Math.Max(1, result.RecentOrders);
        return (result.SuspectedDuplicate ? result.DuplicateOfOrderId ?? "another order" : null, recent);
    }

    /// <summary>
    /// After a placement that failed with nothing stored: the customer takes its recording back (if it made one: forgetting
    /// is idempotent and writes nothing then), so its spend, tags and duplicate checks count no order that does not exist.
    /// Best effort: the placement's own failure is what the caller sees, and a recording left behind is taken back when a
    /// later order would be held as its duplicate.
    /// </summary>
    private async Task ForgetAtCustomerAsync(string? phone, string actor, TimeSpan duplicateWindow)
    {
        if (phone is null)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ICustomerGrain>(phone).ForgetOrderAsync(new ForgetCustomerOrder(Id, "placement failed", actor, duplicateWindow));
        }
#pragma warning disable CA1031 // Best effort, see above: the placement's exception is rethrown by the caller.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Tells the customer grain the spend went down. A split part refunds against its parent (the order the customer
    /// knows); a merged order's amount spans several customer orders, so its refunds are not recorded there, unless
    /// <paramref name="ownShare"/> says the amount is this order's own part of it (its own lines, its own payment).
    /// </summary>
    private async Task RecordRefundAsync(string kind, decimal amount, string reason, string actor, bool ownShare = false)
    {
        if (amount > 0 && (ownShare || State.MergedFrom.Count == 0) && PhoneNumbers.TryNormalize(State.Customer.Phone, out var phone))
        {
            var customerOrderId = State.ParentOrderId ?? Id;
            await GrainFactory.GetGrain<ICustomerGrain>(phone).RecordRefundAsync(new CustomerRefund(customerOrderId, $"{Id}-{kind}", amount, reason, actor));
        }
    }

    /// <summary>The detail of the <see cref="HoldCodes.AwaitingPresaleStock"/> hold: the SKUs whose goods the order waits for.</summary>
    private static string AwaitingDetail(string skus) => $"Waiting for goods sold on presale (units not yet received: {skus}); released when received stock covers them.";

    private static ShippingAddress Normalize(ShippingAddress address) =>
        new((address.Province ?? "").Trim(), (address.City ?? "").Trim(), (address.District ?? "").Trim(), (address.Detail ?? "").Trim());

    private OrderStock Stock(string actor) => new(GrainFactory, Id, actor);

    private ValueTask<RuleBook> RulesAsync() => rulesCache.GetAsync(GrainFactory);

    private async Task<OrderView> ViewAsync() => State.ToView(Id, journal.Version, (await RulesAsync()).Sla);

    /// <summary>
    /// A hold reminder that finds no unpaid order (a stale tick, or one left by a build that wrote reminders apart from
    /// the append): it goes, and the SLA reminder follows the state, side by side.
    /// </summary>
    private async Task<OrderView> AfterHoldEndedAsync(RuleBook rules)
    {
        await Task.WhenAll(UnregisterReminderAsync(PaymentHoldReminder), SyncSlaReminderAsync(rules));
        return State.ToView(Id, journal.Version, rules.Sla);
    }

    private async Task<OrderView> AfterChangeAsync(RuleBook rules)
    {
        await SyncSlaReminderAsync(rules);
        return State.ToView(Id, journal.Version, rules.Sla);
    }
}
