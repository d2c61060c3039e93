using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Reports;

/// <summary>
/// The daily reconciliation, per channel, for one UTC day: the money a payment provider's statement shows for it.
/// Paid = what payments confirmed that day brought in (the amount paid, not the order total). Refunds = credit notes of
/// returns received that day, and orders cancelled that day after money was paid (what they held goes back; no credit
/// note is issued for those). Split parts restate their parent's placement and payment, so they count only for refunds.
/// </summary>
internal static class ReconciliationReport
{
    public static async Task<ReconciliationDto> BuildAsync(IGrainStorage storage, DateOnly day, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddDays(1);
        var placed = (await ScanAsync(storage, OrderIndex.PlacedAt, start, end, cancellationToken)).Where(r => !IsSplitPart(r)).ToList();
        var paid = (await ScanAsync(storage, OrderIndex.PaidAt, start, end, cancellationToken)).Where(r => !IsSplitPart(r)).ToList();
        var returned = await ScanAsync(storage, OrderIndex.ReturnedAt, start, end, cancellationToken);
        var cancelled = (await ScanAsync(storage, OrderIndex.CancelledAt, start, end, cancellationToken)).Where(r => r.Entries.ContainsKey(OrderIndex.PaidAt)).ToList();
        var money = await OrderPayments.ReadAsync(storage, paid.Concat(cancelled).Select(r => r.GrainKey), cancellationToken);
        var refundedOnCancel = cancelled.Where(r => money[r.GrainKey].RefundedOnCancel > 0).ToList();

        var channels = placed.Concat(paid).Concat(returned).Concat(refundedOnCancel).Select(Channel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var rows = channels.Select(channel =>
        {
            var paidHere = paid.Where(r => Channel(r) == channel).ToList();
            var returnedHere = returned.Where(r => Channel(r) == channel).ToList();
            var cancelledHere = refundedOnCancel.Where(r => Channel(r) == channel).ToList();
            var paidAmount = paidHere.Sum(r => money[r.GrainKey].Paid);
            var refundAmount = returnedHere.Sum(r => OrderIndexScanner.Number(r, OrderIndex.RefundAmount))
                + cancelledHere.Sum(r => money[r.GrainKey].RefundedOnCancel);
            return new ReconciliationRowDto(
                channel,
                placed.Count(r => Channel(r) == channel),
                paidHere.Count,
                paidAmount,
                returnedHere.Count + cancelledHere.Count,
                refundAmount,
                returnedHere.Count(r => r.Entries.ContainsKey(OrderIndex.RefundAmount)),
                paidAmount - refundAmount);
        }).ToList();
        return new ReconciliationDto(day, rows);
    }

    private static Task<List<IndexedGrain>> ScanAsync(IGrainStorage storage, string time, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        OrderIndexScanner.ScanAsync(storage, OrderIndexScanner.Between(time, start, end), cancellationToken);

    private static bool IsSplitPart(IndexedGrain row) => row.Entries.ContainsKey(OrderIndex.Parent);

    private static string Channel(IndexedGrain row) => row.Entries.GetValueOrDefault(OrderIndex.Channel) ?? "unknown";
}
