namespace OrderActors.Grains.Rules;

/// <summary>
/// <c>address_incomplete</c>: province, city, district present and the street detail at least this long; the district
/// is not asked of orders from <see cref="DistrictOptionalChannels"/>.
/// </summary>
public sealed record AddressCheck
{
    public bool Enabled { get; init; } = true;

    public int MinDetailLength { get; init; } = 4;

    /// <summary>
    /// Channels whose addresses have no district field: Shopify's <c>shipping_address</c> has province, city and two
    /// street lines (a Chinese district, when given, is in them), so a district check held every Shopify order.
    /// </summary>
    public IReadOnlyList<string> DistrictOptionalChannels { get; init; } = ["shopify"];
}
