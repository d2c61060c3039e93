namespace OrderActors.Grains.Stock;

/// <summary>One holding in a SKU's presale queue, and whether the goods on hand cover its presale units.</summary>
public readonly record struct PresaleQueueEntry(StockHoldingEntry Holding, bool Covered);
