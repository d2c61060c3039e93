namespace OrderActors.Client.Http;

/// <summary>Filters for <c>GET /api/orders</c>; every one is optional. <see cref="Cursor"/> comes from the previous page.</summary>
public sealed record OrderQuery
{
    public string? Status { get; init; }

    public string? Channel { get; init; }

    public string? Warehouse { get; init; }

    public string? Phone { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}
