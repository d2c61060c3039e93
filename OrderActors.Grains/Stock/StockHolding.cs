namespace OrderActors.Grains.Stock;

/// <summary>
/// What <paramref name="OrderId"/> holds of <paramref name="Sku"/> after an operation. For closed statuses (shipped, released,
/// expired) <paramref name="Quantity"/> is what it held last. <paramref name="AwaitingGoods"/>: units sold on the presale
/// allowance that the goods on hand do not cover yet (given by <see cref="ISkuStockGrain.GetHoldingAsync"/> and
/// <see cref="ISkuStockGrain.ConfirmAsync"/>; 0 in the other answers).
/// </summary>
public sealed record StockHolding(
    string Sku,
    string OrderId,
    HoldingStatus Status,
    int Quantity,
    string? Warehouse,
    DateTimeOffset? ExpiresAt,
    int AwaitingGoods = 0);
