using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>
/// Goods on hand now cover the presale units of these paid orders, and each order was told: their reservations no longer
/// wait for goods (written after telling them, so a stop in between tells them again, which changes nothing).
/// </summary>
[JournalEvent("stock.presale_covered")]
public sealed record StockPresaleCovered(IReadOnlyList<string> OrderIds);
