using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Reports;

/// <summary>
/// The daily reconciliation, per channel, for one calendar day in the seller's time zone (<see cref="ApiOptions.ReportTimeZone"/>): the money a payment provider's statement shows for it.
/// Paid = what payments confirmed that day brought in (the amount paid, not the order total). Refunds = credit notes of
/// returns received that day, and orders cancelled that day after money was paid (what they held goes back; no credit
/// note is issued for those). Split parts restate their parent's placement and payment, so they count only for refunds.
/// </summary>
internal static class ReconciliationReport
{
    // bounds: the instants the day begins and ends in the zone (DayBounds), worked out once by the caller's validation.
    public static async Task<ReconciliationDto> BuildAsync(IGrainStorage storage, DateOnly day, TimeZoneInfo zone, (DateTimeOffset Start, DateTimeOffset End) bounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (start, end) = bounds;
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
        return new ReconciliationDto(day, rows) { TimeZone = zone.Id, From = start, To = end };
    }

    /// <summary>Today's date in <paramref name="zone"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>
    /// The instants <paramref name="day"/> begins and ends in <paramref name="zone"/> (a day is 23 or 25 hours when the
    /// clocks change in it), or null for a day the calendar does not hold whole there (its first or last, by the offset).
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? DayBounds(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (day == DateOnly.MaxValue)
        {
            return null;
        }

        try
        {
            return (StartOf(day, zone), StartOf(day.AddDays(1), zone));
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// The instant <paramref name="day"/> begins in <paramref name="zone"/>: its local midnight, or, where a clock change
    /// skips midnight, the first local time after it that exists.
    /// </summary>
    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static Task<List<IndexedGrain>> ScanAsync(IGrainStorage storage, string time, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        OrderIndexScanner.ScanAsync(storage, OrderIndexScanner.Between(time, start, end), cancellationToken);

    private static bool IsSplitPart(IndexedGrain row) => row.Entries.ContainsKey(OrderIndex.Parent);

    private static string Channel(IndexedGrain row) => row.Entries.GetValueOrDefault(OrderIndex.Channel) ?? "unknown";
}
