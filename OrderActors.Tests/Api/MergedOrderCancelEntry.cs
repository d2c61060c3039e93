namespace OrderActors.Tests.Api;

/// <summary>How a buyer's cancellation of one order of a merged shipment reaches the service (see <see cref="MergedOrders.CancelAsync"/>).</summary>
public enum MergedOrderCancelEntry
{
    /// <summary>The marketplace closes the trade (webhook).</summary>
    Channel,

    /// <summary>A person cancels it over the API (<c>POST /api/orders/{id}/cancel</c>).</summary>
    Staff,

    /// <summary>Customer service records the buyer's refund request (<c>POST /api/orders/{id}/return-requests</c>).</summary>
    RefundRequest,
}
