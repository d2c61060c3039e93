namespace OrderActors.Grains.Rules;

/// <summary>Warehouse allocation: rules tried in order per line; the first matching rule whose warehouse has the stock wins.</summary>
public sealed record AllocationRules
{
    public IReadOnlyList<AllocationRule> Rules { get; init; } = [];

    /// <summary>When no rule fits, use a warehouse that has the stock (preferring one that can ship the most lines).</summary>
    public bool FallbackByStock { get; init; } = true;

    /// <summary>Set by the rules grain: the rule-book version at which this section last changed.</summary>
    public long Version { get; init; }
}
