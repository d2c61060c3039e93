namespace OrderActors.Api.Channels;

/// <summary>One order line as mapped from a channel payload.</summary>
public sealed record MappedLine(string Sku, int Quantity, decimal? UnitPrice);
