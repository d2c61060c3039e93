namespace OrderActors.Grains.Orders;

/// <summary>
/// Carrier names. A carrier is named by its <c>OrderActors:Carriers:{name}</c> section, which is also the path of its
/// callbacks (<c>/webhooks/carriers/{name}</c>); configuration keys ignore case, so names are compared trimmed and
/// ignoring case: "SF", "sf" and " sf " are one carrier.
/// </summary>
public static class CarrierNames
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same carrier.</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && a.AsSpan().Trim().Equals(b.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// 409 <c>order.carrier_mismatch</c> when the order shipped with another carrier than <paramref name="carrier"/>, whose
    /// callback this is: any configured carrier's callback added its scans to any order (found by id or waybill), and its
    /// <c>delivered</c> scan delivered a parcel still on another carrier's van. An order with no carrier (intercepted after
    /// packing, before it shipped) cannot tell, and takes the scan as before.
    /// </summary>
    public static void EnsureShippedWith(string orderId, string? orderCarrier, string? waybillNo, string? carrier)
    {
        if (carrier is null || orderCarrier is null || Same(orderCarrier, carrier))
        {
            return;
        }

        throw DomainException.Conflict(
            OrderErrors.CarrierMismatch,
            $"Order {orderId} shipped with carrier '{orderCarrier}' (waybill {waybillNo}); this callback came from carrier '{carrier.Trim()}', " +
            "so it changed nothing. Check the orderId or waybillNo it was sent for; a parcel that really went with this carrier is delivered by hand.");
    }
}
