namespace OrderActors.Grains.Rules;

/// <summary><c>unserviceable_region</c>: the address is in a listed region, written <c>province</c> or <c>province/city</c>.</summary>
public sealed record RegionCheck
{
    public bool Enabled { get; init; } = true;
    public IReadOnlyList<string> Regions { get; init; } = [];
}
