using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock.Events;
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

    /// <summary>Due when goods on hand cover paid presale orders that were not told yet; stays until every one of them was.</summary>
    public const string PresaleReminder = "presale-covered";

    /// <summary>How long after a failed telling (an order busy in a wait cycle, a stop) the presale reminder tries again.</summary>
    private static readonly TimeSpan PresaleRetry = TimeSpan.FromMinutes(1);

    /// <summary>How many orders the presale reminder tells at once.</summary>
    private const int PresaleTellBatch = 16;

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
        await CommitAsync(StockDecisions.Receive(State, receipt), receipt.Actor, presaleMayBeCovered: true);
        return View();
    }

    public async Task<StockView> CountAsync(StockCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        await CommitAsync(StockDecisions.Count(State, Sku, count), count.Actor, presaleMayBeCovered: true);
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
        var decision = StockDecisions.Release(State, Sku, command);
        if (State.Holdings.TryGetValue(command.OrderId, out var holding) && holding.Presale > 0)
        {
            // Presale units given back move the orders queued behind them forward: some may be covered now.
            await CommitAsync(decision, command.Actor, presaleMayBeCovered: true);
            return StockViews.ToHolding(Sku, State, command.OrderId);
        }

        return await CommitHoldingAsync(decision, command.Actor, command.OrderId);
    }

    public async Task<StockHolding> ConfirmAsync(ConfirmStock command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var holding = await CommitHoldingAsync(StockDecisions.Confirm(State, Sku, command), command.Actor, command.OrderId);

        // Covered presale units were cleared by the confirmation itself, so what is left still waits.
        return State.Holdings.TryGetValue(command.OrderId, out var open) && open.Presale > 0 ? holding with { AwaitingGoods = open.Presale } : holding;
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
        await CommitAsync(StockDecisions.Restock(State, command), command.Actor, presaleMayBeCovered: true);
        return View();
    }

    public async Task<StockHolding> TransferAsync(TransferReservation command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommitAsync(StockDecisions.Transfer(State, Sku, command), command.Actor);
        return StockViews.ToHolding(Sku, State, command.ToOrderId);
    }

    public Task<StockHolding> GetHoldingAsync(string orderId) =>
        Task.FromResult(StockViews.ToHolding(Sku, State, orderId) with { AwaitingGoods = State.AwaitingGoods(orderId) });

    public Task<StockView> GetAsync() => Task.FromResult(View());

    public Task<StockLedger> GetLedgerAsync() => Task.FromResult(StockViews.ToLedger(Sku, State));

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        if (reminderName == PresaleReminder)
        {
            await TellCoveredPresaleAsync();
            return;
        }

        if (reminderName != ExpiryReminder)
        {
            return;
        }

        // The tick may have consumed the one-shot reminder: forget what we registered so the next one is written.
        _reminderKnown = false;
        var decision = StockDecisions.Expire(State, time.GetUtcNow());
        var presaleExpired = decision.Events.Any(e => e is StockReleased released && State.Holdings.TryGetValue(released.OrderId, out var h) && h.Presale > 0);
        await CommitAsync(decision, "system", presaleMayBeCovered: presaleExpired);
    }

    /// <summary>
    /// Tells each paid order whose presale units the goods on hand now cover (oldest first) that its goods are here, so its
    /// wait ends without anyone finding it; then records them as covered, and removes the reminder in the same write, or
    /// moves it a minute on when an order could not be told (it is told again then; telling twice changes nothing). A
    /// stop before the write tells them all again.
    /// </summary>
    private async Task TellCoveredPresaleAsync()
    {
        var covered = State.CoveredPaidPresale();
        var told = new List<string>(covered.Count);
        var failed = false;
        foreach (var batch in covered.Chunk(PresaleTellBatch))
        {
            var answers = await Task.WhenAll(batch.Select(TellPresaleCoveredAsync));
            for (var i = 0; i < batch.Length; i++)
            {
                if (answers[i])
                {
                    told.Add(batch[i]);
                }
                else
                {
                    failed = true;
                }
            }
        }

        var retryAt = time.GetUtcNow() + PresaleRetry;
        if (told.Count == 0)
        {
            await (failed ? RegisterOrUpdateReminderAsync(PresaleReminder, retryAt) : UnregisterReminderAsync(PresaleReminder));
            return;
        }

        var next = failed ? ReminderChange.Set(PresaleReminder, retryAt) : ReminderChange.Remove(PresaleReminder);
        await journal.AppendAsync([new StockPresaleCovered(told)], OrderGrain.SystemActor, _ => [next]);
    }

    private async Task<bool> TellPresaleCoveredAsync(string orderId)
    {
        try
        {
            await GrainFactory.GetGrain<IOrderGrain>(orderId).PresaleStockArrivedAsync(new PresaleStockArrived(Sku, OrderGrain.SystemActor));
            return true;
        }
#pragma warning disable CA1031 // Any failure is retried by the reminder (see TellCoveredPresaleAsync); the others are still told.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
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
    /// <paramref name="presaleMayBeCovered"/> (goods came in, or presale units were given back): when goods on hand now
    /// cover paid presale orders, the presale reminder is set due now in the same transaction, so a stop right after the
    /// receipt still tells them.
    /// </summary>
    private async Task CommitAsync(StockDecision decision, string actor, bool presaleMayBeCovered = false)
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
            var presale = presaleMayBeCovered && state.CoveredPaidPresale().Count > 0 ? ReminderChange.Set(PresaleReminder, time.GetUtcNow()) : null;
            var expiry = _reminderKnown && earliest == _reminderDueAt
                ? null
                : earliest is { } dueAt ? ReminderChange.Set(ExpiryReminder, dueAt) : ReminderChange.Remove(ExpiryReminder);
            return (expiry, presale) switch
            {
                (null, null) => [],
                ({ } e, null) => [e],
                (null, { } p) => [p],
                ({ } e, { } p) => [e, p],
            };
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
