namespace OrderActors.Bench.Baseline;

/// <summary>An order line as the baseline stores it.</summary>
public sealed record BaselineLine(string Sku, int Quantity, decimal UnitPrice);
