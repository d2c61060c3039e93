namespace OrderActors.Grains.Orders;

/// <summary>A Chinese-style shipping address (province, city, district, street detail).</summary>
public sealed record ShippingAddress(string Province, string City, string District, string Detail)
{
    /// <summary>One line, for display, matching and history.</summary>
    public override string ToString() => $"{Province} {City} {District} {Detail}".Trim();
}
