namespace OrderActors.Grains.Stock;

/// <summary>What <paramref name="OrderId"/> holds of <paramref name="Sku"/> after an operation. For closed statuses (shipped, released, expired) <paramref name="Quantity"/> is what it held last.</summary>
public sealed record StockHolding(
    string Sku,
    string OrderId,
    HoldingStatus Status,
    int Quantity,
    string? Warehouse,
    DateTimeOffset? ExpiresAt);
