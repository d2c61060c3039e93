using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Customers.Events;

/// <summary>The customer's tags changed (spend crossed the high-value line, or the customer went quiet).</summary>
[JournalEvent("customer.tags_changed")]
public sealed record CustomerTagsChanged(IReadOnlyList<string> Tags);
