namespace OrderActors.Grains.Stock;

/// <summary>Goods received into <paramref name="Warehouse"/>. A <paramref name="ReceiptId"/> makes a repeat a no-op.</summary>
public sealed record StockReceipt(string Warehouse, int Quantity, string Actor, string? ReceiptId = null);
