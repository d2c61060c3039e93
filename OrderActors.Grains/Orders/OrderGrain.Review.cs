using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;
using OrderActors.Grains.Sla;
using OrderActors.Runtime.Reminders;

namespace OrderActors.Grains.Orders;

/// <summary>Approvals, holds, address edits, merges, and the reminders that keep SLA deadlines.</summary>
public sealed partial class OrderGrain
{
    // What this activation last registered, so an unchanged deadline costs no reminder write.
    // Unknown after activation: the first change re-registers.
    private bool _slaReminderKnown;
    private DateTimeOffset? _slaReminderDue;

    public async Task<OrderView> ApproveAsync(ApproveOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Role, "role", 50);
        if (!RulesValidator.Roles.Contains(command.Role, StringComparer.Ordinal))
        {
            throw DomainException.Validation("validation.invalid", "role", $"The role is one of {string.Join(", ", RulesValidator.Roles)}.");
        }

        OrderValidation.MaxLength(command.Comment, "comment", 500);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.Approvals.Exists(a => a.Role == command.Role))
        {
            // Given already (a retry whose first answer was lost): the same answer, nothing granted twice.
            return await ViewAsync();
        }

        if (State.ApprovalComplete)
        {
            throw DomainException.Conflict(OrderErrors.InvalidTransition, "The order needs no (further) approval.");
        }

        OrderGuards.EnsureStatus(State, "approve", OrderStatus.PendingPayment, OrderStatus.Paid);
        var next = State.RequiredApprovals[State.Approvals.Count];
        if (command.Role != next)
        {
            throw new DomainException(DomainErrorKind.Forbidden, OrderErrors.ApprovalRoleMismatch, $"The next approval is by '{next}', not '{command.Role}'.");
        }

        if (State.Approvals.Find(a => a.Actor == command.Actor) is { } given)
        {
            // Each level is a different person's: one key holding both roles (an admin's) would otherwise approve alone.
            throw new DomainException(
                DomainErrorKind.Forbidden,
                OrderErrors.ApprovalSameApprover,
                $"{command.Actor} gave this order's approval by '{given.Role}'; the approval by '{next}' needs another person's key.");
        }

        var now = time.GetUtcNow();
        var events = new List<object> { new ApprovalGranted(command.Role, command.Actor, command.Comment, now) };
        if (State.Approvals.Count + 1 == State.RequiredApprovals.Count && State.HasHold(HoldCodes.ApprovalThreshold))
        {
            events.Add(new HoldReleased(HoldCodes.ApprovalThreshold, $"approved by {string.Join(", ", State.RequiredApprovals)}", now));
        }

        await journal.AppendAsync(events, command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    public async Task<OrderView> ReleaseHoldAsync(ReleaseHold command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Code, "code", 50);
        if (!HoldCodes.IsKnown(command.Code))
        {
            throw DomainException.Validation("validation.invalid", "code", $"'{command.Code}' is not a hold code.");
        }

        OrderValidation.Required(command.Reason, "reason", 500);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (!State.HasHold(command.Code))
        {
            return State.ReleasedHolds.Contains(command.Code)
                ? await ViewAsync()
                : throw DomainException.Conflict(OrderErrors.HoldNotOpen, $"The order has no open '{command.Code}' hold.");
        }

        if (command.Code == HoldCodes.ApprovalThreshold)
        {
            throw DomainException.Conflict(OrderErrors.ApprovalRequired, $"This hold is released by approval (next: '{State.RequiredApprovals[State.Approvals.Count]}').");
        }

        if (command.Code == HoldCodes.AwaitingPresaleStock && await Stock(command.Actor).AwaitingGoodsAsync(OrderStock.Needs(State.Lines)) is { } awaiting)
        {
            // Released by hand before the goods came, the order would take on-hand units sold to others before it.
            throw DomainException.Conflict(OrderErrors.AwaitingPresaleStock, $"The goods sold on presale are not here yet ({awaiting}); receive stock first.");
        }

        var now = time.GetUtcNow();
        var events = new List<object>();
        if (command.Code == HoldCodes.InsufficientStock && State.StockShort)
        {
            // Releasing the shortage means the stock is there now: top the reservations up, or refuse.
            var stock = Stock(command.Actor);
            var needs = OrderStock.Needs(State.Lines);
            if ((await stock.ReserveAsync(needs, now + options.Value.PaymentHold + ReservationGrace, allowShortage: true)).Shortage is { } shortage)
            {
                throw DomainException.Conflict(OrderErrors.StockInsufficient, $"The stock is still short ({shortage}); receive stock first.");
            }

            if (State.Status != OrderStatus.PendingPayment)
            {
                await stock.ConfirmAsync(needs);
            }

            events.Add(new StockReserved(now));
        }

        events.Add(new HoldReleased(command.Code, command.Reason, now));
        await journal.AppendAsync(events, command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    public async Task<OrderView> ChangeAddressAsync(ChangeAddress command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Validate(command.Address);
        OrderValidation.Required(command.Reason, "reason", 500);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        var address = Normalize(command.Address);
        if (address == State.Address)
        {
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "change the address of", OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Allocated);
        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        var events = new List<object>();

        // A merge target: the orders merged into it were placed to the old address and leave the merge, keeping it.
        if (await UnmergeForNewDestinationAsync(address, State.Receiver ?? State.Customer, $"address changed: {command.Reason}", command.Actor, now) is { } unmerged)
        {
            events.Add(unmerged);
        }

        events.Add(new AddressChanged(State.Address, address, command.Reason, now));
        AddAddressChecks(events, address, rules, now);

        await journal.AppendAsync(events, command.Actor);
        return await AfterChangeAsync(rules);
    }

    public async Task<OrderView> MergeAsync(MergeOrders command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        if (command.OtherOrderIds is null || command.OtherOrderIds.Count == 0 || command.OtherOrderIds.Any(string.IsNullOrWhiteSpace))
        {
            throw DomainException.Validation("validation.required", "otherOrderIds", "Name at least one other order to merge.");
        }

        if (command.OtherOrderIds.Contains(Id) || command.OtherOrderIds.Distinct(StringComparer.Ordinal).Count() != command.OtherOrderIds.Count)
        {
            throw DomainException.Validation("validation.invalid", "otherOrderIds", "The orders to merge are distinct and differ from the target.");
        }

        OrderValidation.MaxLength(command.Reason, "reason", 500);

        OrderGuards.EnsureExists(State, Id);
        var pending = command.OtherOrderIds.Where(o => !State.MergedFrom.Contains(o)).Order(StringComparer.Ordinal).ToList();
        if (pending.Count == 0)
        {
            return await ViewAsync();
        }

        var rules = await RulesAsync();
        OrderMerging.EnsureMergeable(State, Id);
        var target = State.ToView(Id, journal.Version, rules.Sla);
        foreach (var other in pending)
        {
            // An order already merged into this one whose answer never came back (a timeout, or a stop before this
            // order's append): its stock is here already, and MergeIntoAsync answers it again, so a retry finishes the merge.
            var view = await GrainFactory.GetGrain<IOrderGrain>(other).GetAsync();
            if (view.Status != OrderStatus.Merged || view.MergedInto != Id)
            {
                OrderMerging.EnsureCompatible(target, view);
            }
        }

        var lines = new List<OrderLineView>(State.Lines);
        var paid = State.PaidAmount;
        var done = new List<string>(pending.Count);
        try
        {
            foreach (var other in pending)
            {
                var merged = await GrainFactory.GetGrain<IOrderGrain>(other).MergeIntoAsync(new MergeInto(Id, target, command.Actor));
                lines.AddRange(merged.Lines);
                paid += merged.PaidAmount;
                done.Add(other);
            }
        }
        catch (Exception refused) when (done.Count > 0)
        {
            // An order changed after the check above (cancelled, allocated, merged elsewhere). Those merged before it have
            // moved their stock here and say so: this order records them before the refusal goes out, or their lines
            // would be lost and their stock held here for nothing.
            await journal.AppendAsync(new OrdersMerged(done, lines, paid, command.Reason, time.GetUtcNow()), command.Actor);
            await AfterChangeAsync(rules);
            if (refused is DomainException domain)
            {
                throw new DomainException(domain.Kind, domain.Code, $"{domain.Message} Merged into '{Id}' before it: {string.Join(", ", done)}.", domain.Field);
            }

            throw;
        }

        await journal.AppendAsync(new OrdersMerged(pending, lines, paid, command.Reason, time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(rules);
    }

    public async Task<OrderView> MergeIntoAsync(MergeInto command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Merged)
        {
            return State.MergedInto == command.TargetOrderId
                ? await ViewAsync()
                : throw DomainException.Conflict(OrderErrors.NotMergeable, $"Order '{Id}' was merged into '{State.MergedInto}'.");
        }

        OrderMerging.EnsureMergeable(State, Id);
        var rules = await RulesAsync();
        OrderMerging.EnsureCompatible(command.Target, State.ToView(Id, journal.Version, rules.Sla));
        await Stock(command.Actor).TransferAsync(OrderStock.Needs(State.Lines), Id, command.TargetOrderId);
        await journal.AppendAsync(new OrderMergedInto(command.TargetOrderId, time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(rules);
    }

    private async Task SyncSlaReminderAsync(RuleBook rules)
    {
        if (SlaReminderMoves(State, rules, out var due))
        {
            await SetSlaReminderAsync(due);
        }

        // Every command and reminder ends here, so this is where an order that reached a final status leaves memory.
        LeaveMemoryWhenFinal();
    }

    /// <summary>
    /// The reminder changes that go inside an append: <paramref name="first"/>, if any, and the SLA reminder moved to the
    /// deadline of <paramref name="state"/> (the state after the append's events), unless it is there already.
    /// Call <see cref="SlaReminderCommitted"/> with <paramref name="slaDue"/> once the append has committed.
    /// </summary>
    private IReadOnlyList<ReminderChange> RemindersWithSla(OrderState state, RuleBook rules, ReminderChange? first, out DateTimeOffset? slaDue)
    {
        ReminderChange? sla = !SlaReminderMoves(state, rules, out slaDue)
            ? null
            : slaDue is { } at ? ReminderChange.Set(SlaReminder, at) : ReminderChange.Remove(SlaReminder);
        return (first, sla) switch
        {
            (null, null) => [],
            (null, { } s) => [s],
            ({ } f, null) => [f],
            ({ } f, { } s) => [f, s],
        };
    }

    /// <summary>The SLA deadline of <paramref name="state"/> (none once it has no next stage), and whether the reminder is not there yet.</summary>
    private bool SlaReminderMoves(OrderState state, RuleBook rules, out DateTimeOffset? due)
    {
        due = state.Exists ? OrderSla.NextDueAt(state, rules.Sla) : null;
        return !_slaReminderKnown || due != _slaReminderDue;
    }

    private void SlaReminderCommitted(DateTimeOffset? due) => (_slaReminderKnown, _slaReminderDue) = (true, due);

    private async Task SetSlaReminderAsync(DateTimeOffset? due)
    {
        if (due is { } at)
        {
            await RegisterOrUpdateReminderAsync(SlaReminder, at);
        }
        else
        {
            await UnregisterReminderAsync(SlaReminder);
        }

        (_slaReminderKnown, _slaReminderDue) = (true, due);
    }
}
