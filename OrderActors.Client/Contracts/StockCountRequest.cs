namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/stock/{sku}/counts</c>: a physical count of one warehouse.</summary>
public sealed record StockCountRequest(string? Warehouse, int? OnHand);
