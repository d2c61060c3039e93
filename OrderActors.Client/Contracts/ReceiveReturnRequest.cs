namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/orders/{id}/returns/receive</c>.</summary>
public sealed record ReceiveReturnRequest(string? Warehouse = null, decimal? RefundAmount = null);
