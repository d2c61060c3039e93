using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Reminders;

namespace OrderActors.Grains.Stock;

/// <summary>
/// The stock pool of one SKU. Commands are decided by <see cref="StockDecisions"/> against the journaled state and
/// appended before the call answers. One durable reminder per SKU, due at the earliest reservation expiry, releases
/// the reservations whose hold ran out. Reserve, release and confirm pipeline their commit (the next call may start
/// before this one is durable, and calls commit together) whenever the reminder cannot need moving earlier.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class SkuStockGrain(IJournal<SkuStockState> journal, TimeProvider time) : Grain, ISkuStockGrain, IRemindable
{
    public const string GrainTypeName = "skustock";
    public const string ExpiryReminder = "reservation-expiry";

    // What this activation last told the reminder table; unknown after activation.
    private bool _reminderKnown;
    private DateTimeOffset? _reminderDueAt;

    private string Sku => GetPrimaryKeyString();

    private SkuStockState State => journal.State;

    private StockView View() => StockViews.ToView(Sku, State, known: journal.Version > 0);

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        State.EarliestExpiry is null ? Task.CompletedTask : SyncReminderAsync();

    public async Task<StockView> ReceiveAsync(StockReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        await CommitAsync(StockDecisions.Receive(State, receipt), receipt.Actor);
        return View();
    }

    public async Task<StockView> CountAsync(StockCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        await CommitAsync(StockDecisions.Count(State, Sku, count), count.Actor);
        return View();
    }

    public async Task<StockView> ConfigureAsync(StockSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await CommitAsync(StockDecisions.Configure(State, Sku, settings), settings.Actor);
        return View();
    }

    public async Task<ReservationResult> ReserveAsync(ReserveStock command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var decision = StockDecisions.Reserve(State, command, time.GetUtcNow());

        // A hold expiring before the registered reminder needs the reminder moved first: commit in the turn.
        if (decision.Events.Count == 0 || !ReminderCovers(command.ExpiresAt))
        {
            await CommitAsync(decision, command.Actor);
            return StockViews.ToReservationResult(Sku, State, command, decision.Accepted);
        }

        var durable = journal.AppendPipelinedAsync(decision.Events, command.Actor);
        var result = StockViews.ToReservationResult(Sku, State, command, decision.Accepted);
        await durable;
        return result;
    }

    public async Task<StockHolding> ReleaseAsync(ReleaseStock command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await CommitHoldingAsync(StockDecisions.Release(State, Sku, command), command.Actor, command.OrderId);
    }

    public async Task<StockHolding> ConfirmAsync(ConfirmStock command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await CommitHoldingAsync(StockDecisions.Confirm(State, Sku, command), command.Actor, command.OrderId);
    }

    public async Task<StockHolding> AllocateAsync(AllocateStock command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommitAsync(StockDecisions.Allocate(State, Sku, command), command.Actor);
        return StockViews.ToHolding(Sku, State, command.OrderId);
    }

    public async Task<StockHolding> UnallocateAsync(UnallocateStock command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommitAsync(StockDecisions.Unallocate(State, command), command.Actor);
        return StockViews.ToHolding(Sku, State, command.OrderId);
    }

    public async Task<StockHolding> ShipAsync(ShipStock command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommitAsync(StockDecisions.Ship(State, Sku, command), command.Actor);
        return StockViews.ToHolding(Sku, State, command.OrderId);
    }

    public async Task<StockView> RestockAsync(RestockReturn command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommitAsync(StockDecisions.Restock(State, command), command.Actor);
        return View();
    }

    public async Task<StockHolding> TransferAsync(TransferReservation command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommitAsync(StockDecisions.Transfer(State, Sku, command), command.Actor);
        return StockViews.ToHolding(Sku, State, command.ToOrderId);
    }

    public Task<StockHolding> GetHoldingAsync(string orderId) => Task.FromResult(StockViews.ToHolding(Sku, State, orderId));

    public Task<StockView> GetAsync() => Task.FromResult(View());

    public Task<StockLedger> GetLedgerAsync() => Task.FromResult(StockViews.ToLedger(Sku, State));

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder)
        {
            return;
        }

        // The tick may have consumed the one-shot reminder: forget what we registered so the next one is written.
        _reminderKnown = false;
        await CommitAsync(StockDecisions.Expire(State, time.GetUtcNow()), "system");
    }

    /// <summary>
    /// Commits a decision that only ends holds (release, confirm): the earliest expiry can only move later, so a known
    /// reminder still fires in time (at worst early, and the tick re-syncs it), and the commit is pipelined.
    /// </summary>
    private async Task<StockHolding> CommitHoldingAsync(StockDecision decision, string actor, string orderId)
    {
        if (decision.Events.Count == 0 || !_reminderKnown)
        {
            await CommitAsync(decision, actor);
            return StockViews.ToHolding(Sku, State, orderId);
        }

        var durable = journal.AppendPipelinedAsync(decision.Events, actor);
        var holding = StockViews.ToHolding(Sku, State, orderId);
        await durable;
        return holding;
    }

    /// <summary>True when the registered reminder fires no later than a new hold expiring at <paramref name="expiresAt"/>.</summary>
    private bool ReminderCovers(DateTimeOffset? expiresAt) =>
        _reminderKnown && (expiresAt is null || _reminderDueAt is { } dueAt && dueAt <= expiresAt);

    /// <summary>
    /// Appends the decision's events with the expiry reminder moved to the new earliest expiry, when that changed, in the
    /// same transaction: a crash keeps both or neither, so no reservation is ever stored without a reminder that will
    /// expire it (it was a write of its own after the append). Without events, only the reminder is synced.
    /// </summary>
    private async Task CommitAsync(StockDecision decision, string actor)
    {
        if (decision.Events.Count == 0)
        {
            await SyncReminderAsync();
            return;
        }

        DateTimeOffset? earliest = null;
        await journal.AppendAsync(decision.Events, actor, state =>
        {
            earliest = state.EarliestExpiry;
            return _reminderKnown && earliest == _reminderDueAt
                ? []
                : [earliest is { } dueAt ? ReminderChange.Set(ExpiryReminder, dueAt) : ReminderChange.Remove(ExpiryReminder)];
        });
        (_reminderDueAt, _reminderKnown) = (earliest, true);
    }

    /// <summary>
    /// Keeps the one expiry reminder due at the earliest expiry; writes only when that changed. Used where no events are
    /// appended (activation: state stored by a build that wrote the reminder apart from the append; a tick with nothing
    /// to expire).
    /// </summary>
    private async Task SyncReminderAsync()
    {
        var earliest = State.EarliestExpiry;
        if (_reminderKnown && earliest == _reminderDueAt)
        {
            return;
        }

        if (earliest is { } dueAt)
        {
            await RegisterOrUpdateReminderAsync(ExpiryReminder, dueAt);
        }
        else
        {
            await UnregisterReminderAsync(ExpiryReminder);
        }

        _reminderDueAt = earliest;
        _reminderKnown = true;
    }
}
