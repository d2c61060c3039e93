using System.Collections.Concurrent;
using System.Text.Json;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Orders.Events;
using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Reports;

/// <summary>
/// Reads what orders were paid and refunded on cancellation from their journals. The order index holds the order's
/// total, not what was paid, so the reconciliation asks each paid or cancelled order's events: one read per order,
/// without activating it. (An index entry for the paid amount would make this a single query.)
/// </summary>
internal static class OrderPayments
{
    private const int PageSize = 500;
    private const int Parallelism = 4;

    private static readonly string PaidEvent = JournalEventRegistry.GetName(typeof(PaymentConfirmed));
    private static readonly string MergedEvent = JournalEventRegistry.GetName(typeof(OrdersMerged));
    private static readonly string UnmergedEvent = JournalEventRegistry.GetName(typeof(OrdersUnmerged));
    private static readonly string CancelledEvent = JournalEventRegistry.GetName(typeof(OrderCancelled));

    public static async Task<IReadOnlyDictionary<string, OrderPayment>> ReadAsync(IGrainStorage storage, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<string, OrderPayment>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            orderIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, token) => result[id] = await ReadOneAsync(storage, id, token));
        return result;
    }

    private static async Task<OrderPayment> ReadOneAsync(IGrainStorage storage, string orderId, CancellationToken cancellationToken)
    {
        var grainId = new GrainId(OrderIndex.GrainType, orderId);
        decimal paid = 0, held = 0, refunded = 0;
        long after = 0;
        while (true)
        {
            var page = await storage.ReadEventsAsync(grainId, after, PageSize, cancellationToken);
            foreach (var stored in page)
            {
                if (stored.EventType == PaidEvent)
                {
                    paid = held = Read<PaymentConfirmed>(stored).Amount;
                }
                else if (stored.EventType == MergedEvent)
                {
                    held = Read<OrdersMerged>(stored).PaidAmount;
                }
                else if (stored.EventType == UnmergedEvent)
                {
                    // Orders taken out again take their payments with them: they refund them when they are cancelled.
                    held = Read<OrdersUnmerged>(stored).PaidAmount;
                }
                else if (stored.EventType == CancelledEvent)
                {
                    refunded = held;
                }
            }

            if (page.Count < PageSize)
            {
                return new OrderPayment(paid, refunded);
            }

            after = page[^1].Version;
        }
    }

    private static T Read<T>(StoredEvent stored) =>
        JsonSerializer.Deserialize<T>(stored.Data, JournalJson.Options)
        ?? throw new InvalidOperationException($"Stored event '{stored.EventType}' of {stored.GrainId} deserialized to null.");
}
