namespace OrderActors.Client.Contracts;

/// <summary>
/// One row of an order list, straight from the query index. <see cref="SlaLevel"/>: how far the order escalated in its
/// current SLA stage (0 on time, 1 or 2 overdue); <see cref="RedAlert"/>: untouched for 48 hours.
/// </summary>
public sealed record OrderSummaryDto(
    string Id, string? Status, string? Channel, string? Warehouse, string? Phone, decimal? Amount, DateTimeOffset? PlacedAt, bool Held, IReadOnlyList<string> Holds,
    int SlaLevel = 0, bool RedAlert = false);
