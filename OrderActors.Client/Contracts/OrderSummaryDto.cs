namespace OrderActors.Client.Contracts;

/// <summary>One row of an order list, straight from the query index.</summary>
public sealed record OrderSummaryDto(string Id, string? Status, string? Channel, string? Warehouse, string? Phone, decimal? Amount, DateTimeOffset? PlacedAt, bool Held, IReadOnlyList<string> Holds);
