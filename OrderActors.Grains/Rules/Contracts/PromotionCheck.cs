namespace OrderActors.Grains.Rules;

/// <summary>
/// <c>promotion_unrecognised</c>: every promotion code must be known, and two or more codes together must be one of
/// the allowed combinations (order does not matter).
/// </summary>
public sealed record PromotionCheck
{
    public bool Enabled { get; init; } = true;
    public IReadOnlyList<string> KnownPromotions { get; init; } = [];
    public IReadOnlyList<IReadOnlyList<string>> AllowedCombinations { get; init; } = [];
}
