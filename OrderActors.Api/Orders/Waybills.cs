using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Orders;

/// <summary>
/// The orders that shipped with a waybill number (the order index's <see cref="OrderIndex.Waybill"/> entry, written once
/// shipped). A waybill is one parcel's: carrier callbacks find their order by it alone.
/// </summary>
public static class Waybills
{
    /// <summary>Up to <paramref name="limit"/> orders that shipped with <paramref name="waybillNo"/>.</summary>
    public static async Task<IReadOnlyList<string>> OrdersWithAsync(IGrainStorage storage, string waybillNo, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var rows = await storage.QueryIndexAsync(
            new IndexQuery(OrderIndex.GrainType, [new IndexFilter(OrderIndex.Waybill, IndexOperator.Equal, waybillNo)]) { Limit = limit },
            cancellationToken);
        return rows.Select(r => r.GrainKey).ToList();
    }

    /// <summary>
    /// 409 <c>order.waybill_in_use</c> naming <c>waybillNo</c> when another order shipped with it: two orders under one
    /// waybill made every callback that names only the waybill a 404 for both, retried by the carrier for days, and neither
    /// order was ever delivered by its scans. Two concurrent shipments of one number can both pass (no lock on the index).
    /// </summary>
    public static async Task EnsureNotOnAnotherOrderAsync(IGrainStorage storage, string waybillNo, string orderId, CancellationToken cancellationToken)
    {
        var holders = await OrdersWithAsync(storage, waybillNo, 2, cancellationToken);
        var other = holders.FirstOrDefault(k => !string.Equals(k, orderId, StringComparison.Ordinal));
        if (other is not null)
        {
            throw new DomainException(
                DomainErrorKind.Conflict,
                "order.waybill_in_use",
                $"Waybill {waybillNo} is already on order {other}: a waybill is one parcel's, and carriers report by it. Check the label; orders that go in one parcel are merged before packing.",
                "waybillNo");
        }
    }
}
