using System.Globalization;
using System.Text.Json.Serialization;
using OrderActors.Grains.Stock.Events;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock;

/// <summary>
/// The journaled state of a SKU: quantities, open holdings by order id, and a bounded memory of closed holdings and
/// seen receipt/return ids for idempotency. The expiry index and lookups are in memory only and rebuilt on demand.
/// </summary>
public sealed class SkuStockState : IJournaledState
{
    /// <summary>
    /// How many closed holdings (exactly the last ones) and operation ids (at least the last ones) are remembered for
    /// idempotent repeats. Not lowered with the compact closed-holding memory: one SKU commits 20,000+ reservations a
    /// second, so a flash sale's cancellations and expiries can close thousands of holdings a second, and a repeated
    /// release, confirm or ship must still find its holding when the order retries.
    /// </summary>
    public const int RecentCapacity = 2048;

    private SortedSet<ExpiryKey>? _expiries;
    private HashSet<string>? _seenIndex;

    public StockLevels Levels { get; set; } = new();

    public Dictionary<string, StockHoldingEntry> Holdings { get; set; } = new(StringComparer.Ordinal);

    public ClosedHoldings Closed { get; set; } = new();

    /// <summary>Receipt and return ids already applied (<c>receipt:…</c>, <c>return:…</c>).</summary>
    public List<string> SeenOperations { get; set; } = [];

    /// <summary>Whether the last published low-stock state was low.</summary>
    public bool IsLow { get; set; }

    /// <summary>
    /// How many times the settings changed: the version an <c>If-Match</c> names. Snapshots written before it was kept
    /// read 0 and count from there, the same on every load, so a version never goes back.
    /// </summary>
    public int SettingsVersion { get; set; }

    /// <summary>The last <see cref="StockHoldingEntry.PresaleSeq"/> given: holdings that sold presale units, in the order they did.</summary>
    public long PresaleSeq { get; set; }

    /// <summary>The earliest expiry among reservations that can still expire.</summary>
    [JsonIgnore]
    public DateTimeOffset? EarliestExpiry => Expiries.Count > 0 ? Expiries.Min.ExpiresAt : null;

    private SortedSet<ExpiryKey> Expiries => _expiries ??= BuildExpiries();

    private HashSet<string> SeenIndex => _seenIndex ??= new HashSet<string>(SeenOperations, StringComparer.Ordinal);

    public bool TryGetClosed(string orderId, out ClosedHolding closed) => Closed.TryGet(orderId, out closed);

    public bool HasSeen(string operationId) => SeenIndex.Contains(operationId);

    /// <summary>
    /// What a receipt counted, remembered beside its id so that the id sent again with other goods is told apart from a
    /// retry: <c>receipt-goods:{id}␟{warehouse}␟{quantity}</c> (ids and warehouses hold no control characters).
    /// </summary>
    public static string ReceiptGoods(string receiptId, string warehouse, int quantity) =>
        string.Create(CultureInfo.InvariantCulture, $"{ReceiptGoodsPrefix(receiptId)}{warehouse}\u001f{quantity}");

    /// <summary>The start of <see cref="ReceiptGoods"/> for one receipt id.</summary>
    public static string ReceiptGoodsPrefix(string receiptId) => $"receipt-goods:{receiptId}\u001f";

    /// <summary>The goods remembered for <paramref name="receiptId"/>, if any (receipts counted before they were remembered have none).</summary>
    public (string Warehouse, string Quantity)? GoodsOfReceipt(string receiptId)
    {
        var prefix = ReceiptGoodsPrefix(receiptId);
        var seen = SeenOperations.FindLast(s => s.StartsWith(prefix, StringComparison.Ordinal));
        if (seen is null)
        {
            return null;
        }

        var parts = seen[prefix.Length..].Split('\u001f');
        return (parts[0], parts[^1]);
    }

    /// <summary>
    /// The unallocated holdings with presale units (sold beyond what was on hand), in the order they were sold, each with
    /// whether the goods on hand cover it. The goods free for them are on-hand − allocated − the reservations that were
    /// sold from on-hand; they cover the queue from its head (oldest first, never one behind a holding still waiting), so
    /// units sold from stock are never given to a presale order, and received goods go to the oldest presale first.
    /// </summary>
    public List<PresaleQueueEntry> PresaleQueue()
    {
        var waiting = new List<StockHoldingEntry>();
        var presale = 0L;
        foreach (var holding in Holdings.Values)
        {
            if (holding.Presale > 0 && holding.Warehouse is null)
            {
                waiting.Add(holding);
                presale += holding.Presale;
            }
        }

        waiting.Sort(static (a, b) => a.PresaleSeq.CompareTo(b.PresaleSeq));
        var free = Levels.TotalOnHand - (Levels.Reserved + Levels.TotalAllocated) + presale;
        var queue = new List<PresaleQueueEntry>(waiting.Count);
        var taken = 0L;
        foreach (var holding in waiting)
        {
            taken += holding.Presale;
            queue.Add(new PresaleQueueEntry(holding, taken <= free));
        }

        return queue;
    }

    /// <summary>The presale units of <paramref name="orderId"/>'s holding that the goods on hand do not cover yet (0 when none).</summary>
    public int AwaitingGoods(string orderId)
    {
        if (!Holdings.TryGetValue(orderId, out var holding) || holding.Presale == 0 || holding.Warehouse is not null)
        {
            return 0;
        }

        return PresaleQueue().Exists(e => e.Covered && e.Holding.OrderId == orderId) ? 0 : holding.Presale;
    }

    /// <summary>The paid orders whose presale units the goods on hand now cover, oldest first: theirs to be told.</summary>
    public List<string> CoveredPaidPresale()
    {
        var covered = new List<string>();
        foreach (var entry in PresaleQueue())
        {
            if (!entry.Covered)
            {
                break;
            }

            if (entry.Holding.Confirmed)
            {
                covered.Add(entry.Holding.OrderId);
            }
        }

        return covered;
    }

    /// <summary>Reservations due to expire at or before <paramref name="now"/>, earliest first.</summary>
    public IEnumerable<StockHoldingEntry> ExpiredAt(DateTimeOffset now)
    {
        foreach (var key in Expiries)
        {
            if (key.ExpiresAt > now)
            {
                yield break;
            }

            yield return Holdings[key.OrderId];
        }
    }

    public void Apply(object @event)
    {
        Levels.Apply(@event);
        switch (@event)
        {
            case StockReserved e:
                OnReserved(e);
                break;
            case StockReleased e:
                Close(e.OrderId, e.Expired ? HoldingStatus.Expired : HoldingStatus.Released, e.Quantity, e.Warehouse);
                break;
            case StockConfirmed e:
                var confirmed = Holdings[e.OrderId];
                Unindex(confirmed);
                confirmed.Confirmed = true;
                break;
            case StockAllocated e:
                var allocated = Holdings[e.OrderId];
                Unindex(allocated);
                allocated.Warehouse = e.Warehouse;
                allocated.Presale = 0;
                break;
            case StockUnallocated e:
                var unallocated = Holdings[e.OrderId];
                unallocated.Warehouse = null;
                Index(unallocated);
                break;
            case StockShipped e:
                Close(e.OrderId, HoldingStatus.Shipped, e.Quantity, e.Warehouse);
                break;
            case StockTransferred e:
                OnTransferred(e);
                break;
            case StockReceived { ReceiptId: not null } e:
                Remember($"receipt:{e.ReceiptId}");
                Remember(ReceiptGoods(e.ReceiptId, e.Warehouse, e.Quantity));
                break;
            case StockRestocked e:
                Remember($"return:{e.ReturnId}");
                break;
            case StockConfigured:
                SettingsVersion++;
                break;
            case StockPresaleCovered e:
                foreach (var orderId in e.OrderIds)
                {
                    if (Holdings.TryGetValue(orderId, out var covered))
                    {
                        covered.Presale = 0;
                    }
                }

                break;
            case StockLow:
                IsLow = true;
                break;
            case StockReplenished:
                IsLow = false;
                break;
            default:
                break;
        }
    }

    private void OnReserved(StockReserved e)
    {
        if (!Holdings.TryGetValue(e.OrderId, out var entry))
        {
            entry = new StockHoldingEntry { OrderId = e.OrderId, ExpiresAt = e.ExpiresAt };
            Holdings[e.OrderId] = entry;
            Index(entry);
        }

        entry.Quantity += e.Quantity;
        entry.Requested = e.Requested;
        if (e.Presale > 0)
        {
            entry.Presale += e.Presale;
            entry.PresaleSeq = entry.PresaleSeq == 0 ? ++PresaleSeq : entry.PresaleSeq;
        }
    }

    private void OnTransferred(StockTransferred e)
    {
        var from = Holdings[e.FromOrderId];
        from.Quantity -= e.Quantity;
        from.Requested = Math.Max(from.Quantity, from.Requested - e.Quantity);
        from.Presale = Math.Min(from.Presale, from.Quantity);
        if (from.Quantity == 0)
        {
            Close(e.FromOrderId, HoldingStatus.Released, e.Quantity, null);
        }
        else
        {
            // Units going back to the order they came from (an un-merge) end that transfer: a later merge moves them again.
            from.TransfersFrom?.Remove(e.ToOrderId);
        }

        if (!Holdings.TryGetValue(e.ToOrderId, out var to))
        {
            to = new StockHoldingEntry { OrderId = e.ToOrderId, ExpiresAt = e.ExpiresAt, Confirmed = e.Confirmed };
            Holdings[e.ToOrderId] = to;
            Index(to);
        }

        to.Quantity += e.Quantity;
        to.Requested += e.Quantity;
        (to.TransfersFrom ??= []).Add(e.FromOrderId);
    }

    private void Close(string orderId, HoldingStatus status, int quantity, string? warehouse)
    {
        if (Holdings.Remove(orderId, out var entry))
        {
            Unindex(entry);
        }

        Closed.Add(orderId, status, quantity, warehouse);
    }

    private void Remember(string operationId)
    {
        SeenOperations.Add(operationId);
        if (SeenOperations.Count > RecentCapacity + (RecentCapacity / 4))
        {
            SeenOperations.RemoveRange(0, SeenOperations.Count - RecentCapacity);
            _seenIndex = null;
        }
        else
        {
            _seenIndex?.Add(operationId);
        }
    }

    private void Index(StockHoldingEntry entry)
    {
        if (_expiries is not null && entry.CanExpire)
        {
            _expiries.Add(new ExpiryKey(entry.ExpiresAt!.Value, entry.OrderId));
        }
    }

    private void Unindex(StockHoldingEntry entry)
    {
        if (_expiries is not null && entry.CanExpire)
        {
            _expiries.Remove(new ExpiryKey(entry.ExpiresAt!.Value, entry.OrderId));
        }
    }

    private SortedSet<ExpiryKey> BuildExpiries()
    {
        var set = new SortedSet<ExpiryKey>();
        foreach (var entry in Holdings.Values)
        {
            if (entry.CanExpire)
            {
                set.Add(new ExpiryKey(entry.ExpiresAt!.Value, entry.OrderId));
            }
        }

        return set;
    }
}
