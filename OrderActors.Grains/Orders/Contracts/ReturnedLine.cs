namespace OrderActors.Grains.Orders;

/// <summary>
/// Units of one SKU that came back in a return; <see cref="Damaged"/> of them came back broken and were not put back on
/// hand (never sellable). Returns received before damage was recorded read 0 damaged.
/// </summary>
public sealed record ReturnedLine(string Sku, int Quantity, int Damaged = 0);
