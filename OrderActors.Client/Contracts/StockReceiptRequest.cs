namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/stock/{sku}/receipts</c> (a <see cref="ReceiptId"/> makes a retry a no-op).</summary>
public sealed record StockReceiptRequest(string? Warehouse, int? Quantity, string? ReceiptId = null);
