namespace OrderActors.Client.Contracts;

/// <summary>The order lines: the array at <see cref="Path"/>, and inside each element where the line fields come from.</summary>
public sealed record LineMapping
{
    public string? Path { get; init; }

    public FieldMapping? Sku { get; init; }

    public FieldMapping? Quantity { get; init; }

    public FieldMapping? UnitPrice { get; init; }
}
