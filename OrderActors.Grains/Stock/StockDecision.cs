namespace OrderActors.Grains.Stock;

/// <summary>What a command decided: the events to append (maybe none) and, for a reservation, whether it was accepted.</summary>
public sealed record StockDecision(IReadOnlyList<object> Events, bool Accepted = true);
