using System.Diagnostics.CodeAnalysis;

namespace OrderActors.Grains.Orders;

/// <summary>The state machine's guards: each throws a <see cref="DomainException"/> with a stable code, before anything changes.</summary>
public static class OrderGuards
{
    public static void EnsureExists(OrderState state, string orderId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Exists)
        {
            throw DomainException.NotFound(OrderErrors.NotFound, $"Order '{orderId}' does not exist.");
        }
    }

    public static void EnsureStatus(OrderState state, string action, params OrderStatus[] allowed)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(allowed);
        if (!allowed.Contains(state.Status))
        {
            ThrowInvalid(state, action);
        }
    }

    /// <summary>Open holds first (<c>order.on_hold</c>), then missing approvals (<c>order.approval_required</c>).</summary>
    public static void EnsureNotBlocked(OrderState state, string action)
    {
        ArgumentNullException.ThrowIfNull(state);
        // The approval hold is released by approving, so it is reported as the approval it waits for.
        var holds = state.Holds.Where(h => h.Code != HoldCodes.ApprovalThreshold || state.ApprovalComplete).Select(h => h.Code).ToList();
        if (holds.Count > 0)
        {
            throw DomainException.Conflict(OrderErrors.OnHold, $"Cannot {action}: the order is on hold ({string.Join(", ", holds)}).");
        }

        if (!state.ApprovalComplete)
        {
            throw DomainException.Conflict(OrderErrors.ApprovalRequired,
                $"Cannot {action}: the order needs approval by '{state.RequiredApprovals[state.Approvals.Count]}'.");
        }
    }

    /// <summary>
    /// <c>order.invalid_transition</c>: the action, the status, and where the order stands, so the answer says what can be
    /// done instead (pack before shipping; the parts of a split order; a refund request for a shipped one).
    /// </summary>
    [DoesNotReturn]
    public static void ThrowInvalid(OrderState state, string action)
    {
        ArgumentNullException.ThrowIfNull(state);
        throw DomainException.Conflict(OrderErrors.InvalidTransition, $"Cannot {action} an order that is {state.Status}. {WhereItStands(state)}");
    }

    /// <summary>One sentence on where an order stands and what moves it on, for a refused action's message.</summary>
    public static string WhereItStands(OrderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            OrderStatus.PendingPayment => "It is waiting for payment.",
            OrderStatus.Paid => "It is paid and not yet allocated: allocate it first.",
            OrderStatus.Allocated => $"It is allocated to {state.Warehouse} and not yet packed: pack it first.",
            OrderStatus.Packed => "It is packed and not yet shipped: ship it, or record the buyer's refund request, which intercepts the parcel.",
            OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed => "It has shipped: a refund request opens a return.",
            OrderStatus.ReturnRequested => "Its return is open: receive the goods when they come back.",
            OrderStatus.Returned or OrderStatus.Refunded => "Its return was received and refunded; nothing is left to do.",
            OrderStatus.Cancelled => $"It was cancelled ({state.CancelReason}); nothing is left to do.",
            OrderStatus.Split => $"It was split into {string.Join(", ", state.ChildOrderIds)}: act on those orders.",
            OrderStatus.Merged => $"It was merged into {state.MergedInto}: act on that order.",
            _ => "",
        };
    }
}
