namespace OrderActors.Client.Contracts;

/// <summary>
/// Units of one SKU that came back in a return (0: none did); <see cref="Damaged"/> of them came back broken (absent: none),
/// are recorded on the order and not put back on hand.
/// </summary>
public sealed record ReturnLineInput(string? Sku, int? Quantity, int? Damaged = null);
