namespace OrderActors.Client.Contracts;

/// <summary>Units of one SKU a received return put back on hand.</summary>
/// <remarks><see cref="Damaged"/>: of <see cref="Quantity"/>, the units that came back broken and were not restocked.</remarks>
public sealed record ReturnedLineDto(string Sku, int Quantity, int Damaged = 0);
