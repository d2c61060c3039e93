namespace OrderActors.Client.Contracts;

/// <summary>Units of one SKU a received return put back on hand.</summary>
public sealed record ReturnedLineDto(string Sku, int Quantity);
