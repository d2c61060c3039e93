namespace OrderActors.Grains.Orders;

/// <summary>
/// The warehouse received the returned goods into <see cref="Warehouse"/> (default: the one that shipped). <see cref="Lines"/>:
/// the units that came back to be restocked, per SKU (null: every unit the return covers); <see cref="RefundAmount"/>
/// (null: those units' share of the payment).
/// </summary>
public sealed record ReceiveReturn(string Actor, string? Warehouse = null, decimal? RefundAmount = null, IReadOnlyList<ReturnedLine>? Lines = null);
