namespace OrderActors.Grains.Orders;

/// <summary>The warehouse received the returned goods into <see cref="Warehouse"/> (default: the one that shipped).</summary>
public sealed record ReceiveReturn(string Actor, string? Warehouse = null, decimal? RefundAmount = null);
