using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>The sellable quantity changed (to tell channels); the totals behind it come along.</summary>
[JournalEvent("stock.sellable_changed")]
public sealed record SellableChanged(int Sellable, int Previous, int OnHand, int Reserved, int Allocated, int PresaleAllowance);
