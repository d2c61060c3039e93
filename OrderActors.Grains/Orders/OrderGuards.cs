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

    [DoesNotReturn]
    public static void ThrowInvalid(OrderState state, string action)
    {
        ArgumentNullException.ThrowIfNull(state);
        throw DomainException.Conflict(OrderErrors.InvalidTransition, $"Cannot {action} an order that is {state.Status}.");
    }
}
