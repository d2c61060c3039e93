namespace OrderActors.Client.Contracts;

/// <summary>One line of a create-order request.</summary>
public sealed record OrderLineInput(string? Sku, int? Quantity, decimal? UnitPrice, string? Category = null);
