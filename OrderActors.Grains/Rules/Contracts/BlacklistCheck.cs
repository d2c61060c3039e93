namespace OrderActors.Grains.Rules;

/// <summary><c>blacklisted</c>: the buyer's phone is listed, or the address contains a listed fragment.</summary>
public sealed record BlacklistCheck
{
    public bool Enabled { get; init; } = true;
    public IReadOnlyList<string> Phones { get; init; } = [];
    public IReadOnlyList<string> AddressFragments { get; init; } = [];
}
