using System.Text.Json.Serialization;
using OrderActors.Grains.Customers.Events;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Storage;

namespace OrderActors.Grains.Customers;

/// <summary>The journaled state of a customer; publishes its tags, last order time and spend as query index entries.</summary>
public sealed class CustomerState : IJournaledState, IIndexedState
{
    public List<string> Names { get; set; } = [];

    public List<CustomerAddress> Addresses { get; set; } = [];

    /// <summary>The normalised form of each of <see cref="Addresses"/>, same order.</summary>
    public List<string> NormalizedAddresses { get; set; } = [];

    public List<CustomerOrderEntry> Orders { get; set; } = [];

    /// <summary>The tags as last recorded (the index lists customers by these).</summary>
    public List<string> Tags { get; set; } = [];

    // Both read on every append (the index entries): loops, not LINQ's boxed enumerators; the same results (the first of
    // equal maxima, the sum in order).
    [JsonIgnore]
    public DateTimeOffset? LastOrderAt
    {
        get
        {
            if (Orders.Count == 0)
            {
                return null;
            }

            var last = Orders[0].PlacedAt;
            foreach (var order in Orders)
            {
                if (order.PlacedAt > last)
                {
                    last = order.PlacedAt;
                }
            }

            return last;
        }
    }

    [JsonIgnore]
    public decimal TotalSpend
    {
        get
        {
            var total = 0m;
            foreach (var order in Orders)
            {
                total += order.Amount - order.Refunded;
            }

            return total;
        }
    }

    public CustomerOrderEntry? FindOrder(string orderId) => Orders.Find(o => o.OrderId == orderId);

    public void Apply(object @event)
    {
        switch (@event)
        {
            case CustomerOrderRecorded e:
                OnOrderRecorded(e);
                break;
            case CustomerRefundRecorded e:
                var order = FindOrder(e.OrderId)!;
                order.Refunded += e.Amount;
                order.RefundIds.Add(e.RefundId);
                break;
            case CustomerRefundReversed e:
                var reversed = FindOrder(e.OrderId)!;
                reversed.Refunded -= e.Amount;
                reversed.RefundIds.Remove(e.RefundId);
                break;
            case CustomerOrderForgotten e:
                Orders.RemoveAll(o => o.OrderId == e.OrderId);
                foreach (var other in Orders)
                {
                    if (other.DuplicateOfOrderId == e.OrderId)
                    {
                        (other.DuplicateOfOrderId, other.DuplicateOfChannel) = (null, null);
                    }
                }

                foreach (var link in e.Relinked ?? [])
                {
                    if (FindOrder(link.OrderId) is { } relinked)
                    {
                        (relinked.DuplicateOfOrderId, relinked.DuplicateOfChannel) = (link.DuplicateOfOrderId, link.DuplicateOfChannel);
                    }
                }

                break;
            case CustomerTagsChanged e:
                Tags = [.. e.Tags];
                break;
            default:
                break;
        }
    }

    /// <summary>Index entry names: one <c>tag:{tag}</c> per tag, the last order's time, the total spend.</summary>
    public const string TagPrefix = "tag:";

    /// <inheritdoc cref="TagPrefix"/>
    public const string LastOrderAtEntry = "lastOrderAt";

    /// <inheritdoc cref="TagPrefix"/>
    public const string TotalSpendEntry = "totalSpend";

    public IReadOnlyList<IndexEntry> GetIndexEntries()
    {
        var entries = new List<IndexEntry>(Tags.Count + 2);
        foreach (var tag in Tags)
        {
            entries.Add(new IndexEntry(TagPrefix + tag, "1"));
        }

        if (LastOrderAt is { } last)
        {
            entries.Add(new IndexEntry(LastOrderAtEntry, IndexValues.Time(last)));
        }

        entries.Add(new IndexEntry(TotalSpendEntry, IndexValues.Number(Math.Max(0, TotalSpend))));
        return entries;
    }

    private void OnOrderRecorded(CustomerOrderRecorded e)
    {
        if (!string.IsNullOrWhiteSpace(e.Name) && !Names.Contains(e.Name))
        {
            Names.Add(e.Name);
        }

        if (e.AddressIndex == Addresses.Count)
        {
            Addresses.Add(e.Address);
            NormalizedAddresses.Add(e.NormalizedAddress);
        }

        Orders.Add(new CustomerOrderEntry
        {
            OrderId = e.OrderId,
            Channel = e.Channel,
            Amount = e.Amount,
            PlacedAt = e.PlacedAt,
            ItemsKey = e.ItemsKey,
            NormalizedAddress = e.NormalizedAddress,
            AddressSimilarity = e.AddressSimilarity,
            DuplicateOfOrderId = e.DuplicateOfOrderId,
            DuplicateOfChannel = e.DuplicateOfChannel,
        });
    }
}
