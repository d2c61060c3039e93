namespace OrderActors.Grains.Orders;

/// <summary>The SKU <paramref name="Sku"/> says goods on hand now cover the order's presale units of it.</summary>
public sealed record PresaleStockArrived(string Sku, string Actor);
