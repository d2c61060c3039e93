namespace OrderActors.Grains.Rules;

/// <summary><c>address_incomplete</c>: province, city, district present and the street detail at least this long.</summary>
public sealed record AddressCheck
{
    public bool Enabled { get; init; } = true;
    public int MinDetailLength { get; init; } = 4;
}
