namespace OrderActors.Grains.Orders;

/// <summary>The stable error codes of order commands.</summary>
public static class OrderErrors
{
    public const string InvalidTransition = "order.invalid_transition";
    public const string NotFound = "order.not_found";
    public const string OnHold = "order.on_hold";
    public const string ApprovalRequired = "order.approval_required";
    public const string ApprovalRoleMismatch = "order.approval_role_mismatch";

    /// <summary>One approver tried to give a second level of a multi-level approval.</summary>
    public const string ApprovalSameApprover = "order.approval_same_approver";
    public const string HoldNotOpen = "order.hold_not_open";
    public const string SplitRequired = "order.split_required";
    public const string SplitNotNeeded = "order.split_not_needed";
    public const string NotMergeable = "order.not_mergeable";
    public const string NoWarehouse = "order.no_warehouse";

    /// <summary>A presale order waits for goods that have not been received (it carries the awaiting_presale_stock hold).</summary>
    public const string AwaitingPresaleStock = "order.awaiting_presale_stock";

    /// <summary>A return received into a warehouse nothing knows (a typo would otherwise become a warehouse).</summary>
    public const string UnknownWarehouse = "order.unknown_warehouse";

    /// <summary>A carrier's callback for an order that shipped with another carrier.</summary>
    public const string CarrierMismatch = "order.carrier_mismatch";
    public const string PaymentMismatch = "order.payment_mismatch";
    public const string StockInsufficient = "stock.insufficient";

    /// <summary>An order number used again for another basket.</summary>
    public const string OrderExists = "order.exists";
}
