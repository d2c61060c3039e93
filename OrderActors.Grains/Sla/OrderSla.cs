using OrderActors.Grains.Orders;
using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;

namespace OrderActors.Grains.Sla;

/// <summary>
/// SLA arithmetic, pure: which stage an order is in, when its next deadline falls, and which breaches are due.
/// A stage is breached (level 1) one limit after it was entered and escalated (level 2) one more limit later; an open
/// order untouched for <see cref="SlaRules.Untouched"/> raises a red alert.
/// </summary>
public static class OrderSla
{
    public const string ReviewStage = "review";
    public const string PaymentStage = "payment";
    public const string AllocationStage = "allocation";
    public const string PackingStage = "packing";
    public const string ShippingStage = "shipping";
    public const string UntouchedStage = "untouched";
    public const int MaxLevel = 2;

    public static string? StageOf(OrderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            OrderStatus.PendingPayment => PaymentStage,
            OrderStatus.Paid => !state.Blocked ? AllocationStage : state.WaitsOnlyForPresaleGoods ? null : ReviewStage,
            OrderStatus.Allocated => PackingStage,
            OrderStatus.Packed => ShippingStage,
            _ => null,
        };
    }

    public static TimeSpan LimitOf(string stage, SlaRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return stage switch
        {
            ReviewStage => rules.Review,
            PaymentStage => rules.Payment,
            AllocationStage => rules.Allocation,
            PackingStage => rules.Packing,
            ShippingStage => rules.Shipping,
            UntouchedStage => rules.Untouched,
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown SLA stage."),
        };
    }

    /// <summary>The next stage deadline (the next level's), or null when there is none.</summary>
    public static DateTimeOffset? StageDueAt(OrderState state, SlaRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.Enabled || state.SlaStage is null || state.SlaLevel >= MaxLevel)
        {
            return null;
        }

        return state.SlaStageEnteredAt + (LimitOf(state.SlaStage, rules) * (state.SlaLevel + 1));
    }

    /// <summary>When the untouched red alert falls due, or null (closed order, alert already raised, SLA off).</summary>
    public static DateTimeOffset? UntouchedDueAt(OrderState state, SlaRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        var open = state.Status is OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated or OrderStatus.Packed
            or OrderStatus.Shipped or OrderStatus.ReturnRequested or OrderStatus.Returned;
        // An order waiting for presale goods is not forgotten: its hold says what it waits for.
        return rules.Enabled && open && !state.RedAlert && !state.WaitsOnlyForPresaleGoods ? state.UpdatedAt + rules.Untouched : null;
    }

    public static DateTimeOffset? NextDueAt(OrderState state, SlaRules rules)
    {
        var stage = StageDueAt(state, rules);
        var untouched = UntouchedDueAt(state, rules);
        return (stage, untouched) switch
        {
            (null, null) => null,
            (null, _) => untouched,
            (_, null) => stage,
            _ => stage < untouched ? stage : untouched,
        };
    }

    /// <summary>The breach events due at <paramref name="now"/> (possibly several when the clock jumped).</summary>
    public static IReadOnlyList<SlaBreached> DueBreaches(OrderState state, SlaRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        var due = new List<SlaBreached>();
        if (!rules.Enabled)
        {
            return due;
        }

        if (state.SlaStage is { } stage)
        {
            var limit = LimitOf(stage, rules);
            for (var level = state.SlaLevel + 1; level <= MaxLevel; level++)
            {
                var at = state.SlaStageEnteredAt + (limit * level);
                if (at <= now)
                {
                    due.Add(new SlaBreached(stage, level, at, now));
                }
            }
        }

        if (UntouchedDueAt(state, rules) is { } untouched && untouched <= now)
        {
            due.Add(new SlaBreached(UntouchedStage, MaxLevel, untouched, now));
        }

        return due;
    }

    public static SlaView ViewOf(OrderState state, SlaRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SlaView(state.SlaStage, StageDueAt(state, rules), state.SlaLevel > 0, state.SlaLevel, state.RedAlert, state.SlaBreaches);
    }
}
