namespace OrderActors.Client.Contracts;

/// <summary>An order line; prices are omitted for roles that do not see amounts (warehouse).</summary>
public sealed record OrderLineDto(string Sku, int Quantity, decimal? UnitPrice, decimal? Amount, string? Category);
