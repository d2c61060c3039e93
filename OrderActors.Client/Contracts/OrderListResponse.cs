namespace OrderActors.Client.Contracts;

/// <summary><c>GET /api/orders</c>: a page; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null at the end).</summary>
public sealed record OrderListResponse(IReadOnlyList<OrderSummaryDto> Items, string? NextCursor);
