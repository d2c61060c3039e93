namespace OrderActors.Bench.Baseline;

/// <summary>A stock row in the shape of the silo's <c>GET /api/stock/{sku}</c>, so the same checks read both.</summary>
public sealed record BaselineStock(string Sku, int OnHand, int Reserved, int Allocated, int Sellable, int PresaleAllowance);
