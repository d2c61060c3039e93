using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Customers.Events;

/// <summary>An order of the customer. <paramref name="AddressIndex"/> is the customer's address it matched, or the new one it added; <paramref name="DuplicateOfOrderId"/> the other-channel order it seems to repeat.</summary>
[JournalEvent("customer.order_recorded")]
public sealed record CustomerOrderRecorded(string OrderId, string Channel, string Name, CustomerAddress Address, string NormalizedAddress, int AddressIndex, string ItemsKey, decimal Amount, DateTimeOffset PlacedAt, double AddressSimilarity, string? DuplicateOfOrderId, string? DuplicateOfChannel);
