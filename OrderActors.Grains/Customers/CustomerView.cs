namespace OrderActors.Grains.Customers;

/// <summary>A customer across channels. <see cref="Tags"/> holds <see cref="CustomerTags"/> values.</summary>
public sealed record CustomerView(
    string Phone,
    IReadOnlyList<string> Names,
    IReadOnlyList<CustomerAddress> Addresses,
    IReadOnlyList<CustomerOrderSummary> Orders,
    decimal Spend90Days,
    decimal TotalSpend,
    DateTimeOffset? LastOrderAt,
    IReadOnlyList<string> Tags);
