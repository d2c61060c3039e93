namespace OrderActors.Client.Contracts;

/// <summary>Units of one SKU that came back in a return and go back on hand (0: it came back unsellable, or not at all).</summary>
public sealed record ReturnLineInput(string? Sku, int? Quantity);
