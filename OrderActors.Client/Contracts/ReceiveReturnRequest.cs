namespace OrderActors.Client.Contracts;

/// <summary>
/// <c>POST /api/orders/{id}/returns/receive</c>. <see cref="Lines"/>: what came back to be restocked, per SKU; absent, every
/// unit shipped did. <see cref="RefundAmount"/>: absent, the returned units' share of the payment.
/// </summary>
public sealed record ReceiveReturnRequest(string? Warehouse = null, decimal? RefundAmount = null, IReadOnlyList<ReturnLineInput>? Lines = null);
