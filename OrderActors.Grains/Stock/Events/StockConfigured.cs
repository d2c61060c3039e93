using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>The SKU's settings changed.</summary>
[JournalEvent("stock.configured")]
public sealed record StockConfigured(int SafetyStock, int LowStockThreshold, int PresaleAllowance);
