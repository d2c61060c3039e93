namespace OrderActors.Client.Contracts;

/// <summary>
/// <c>GET /api/customers/{phone}</c>: one customer across channels. Names, phone and address details are masked for roles
/// without PII access, amounts left out for roles without amounts. <see cref="Orders"/> holds the latest 100, newest first;
/// <see cref="OrderCount"/> counts them all.
/// </summary>
public sealed record CustomerProfileDto(
    string Phone,
    IReadOnlyList<string> Names,
    IReadOnlyList<AddressDto> Addresses,
    IReadOnlyList<string> Tags,
    decimal? Spend90Days,
    decimal? TotalSpend,
    DateTimeOffset? LastOrderAt,
    int OrderCount,
    IReadOnlyList<CustomerOrderDto> Orders);

/// <summary>One of a customer's orders: what was paid for it and what was refunded.</summary>
public sealed record CustomerOrderDto(string OrderId, string Channel, decimal? Amount, decimal? Refunded, DateTimeOffset PlacedAt);

/// <summary><c>GET /api/customers</c>: a page; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null at the end).</summary>
public sealed record CustomerListResponse(IReadOnlyList<CustomerSummaryDto> Items, string? NextCursor);

/// <summary>One row of a customer list, straight from the query index.</summary>
public sealed record CustomerSummaryDto(string Phone, IReadOnlyList<string> Tags, decimal? TotalSpend, DateTimeOffset? LastOrderAt);
