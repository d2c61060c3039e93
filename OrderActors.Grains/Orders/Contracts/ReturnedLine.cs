namespace OrderActors.Grains.Orders;

/// <summary>Units of one SKU a return brought back on hand.</summary>
public sealed record ReturnedLine(string Sku, int Quantity);
