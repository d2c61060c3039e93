namespace OrderActors.Grains.Orders;

/// <summary>
/// A place command refused with nothing written, returned as a value instead of thrown: exactly the facts the
/// <see cref="DomainException"/> would carry, so an edge that needs the exception rebuilds the same one with
/// <see cref="ToException"/>, and the API answers the same ProblemDetails from it. Today only the own-store checkout
/// refused for stock (<c>stock.insufficient</c>) travels this way; every other refusal still throws.
/// </summary>
public sealed record PlaceRefusal(DomainErrorKind Kind, string Code, string Message, string? Field = null)
{
    /// <summary>
    /// One SKU cannot cover the order: nothing was reserved (what another SKU had taken was released). The message
    /// names no available quantity: the refusal does not carry one, and the SKU's own page says it.
    /// </summary>
    public static PlaceRefusal StockInsufficient(string sku, int wanted) =>
        new(DomainErrorKind.Conflict, OrderErrors.StockInsufficient, $"Not enough stock of {sku}: {wanted} wanted, fewer available.");

    /// <summary>The exception a caller that relies on one gets: same kind, code, message and field.</summary>
    public DomainException ToException() => new(Kind, Code, Message, Field);
}
