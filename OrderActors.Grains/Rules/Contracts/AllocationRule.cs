namespace OrderActors.Grains.Rules;

/// <summary>
/// One allocation rule: every non-empty condition must match (a list matches when it contains the value, ordinal,
/// case-insensitive); then the line goes to <see cref="Warehouse"/>. Province and city match the shipping address,
/// category and SKU the line, channel the order's channel, tags any of the order's tags.
/// </summary>
public sealed record AllocationRule
{
    public required string Warehouse { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string> Provinces { get; init; } = [];
    public IReadOnlyList<string> Cities { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Skus { get; init; } = [];
    public IReadOnlyList<string> Channels { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Excluded categories (e.g. "everything but bulky goods"), so rules can say "not".</summary>
    public IReadOnlyList<string> ExcludeCategories { get; init; } = [];
}
