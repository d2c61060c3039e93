namespace OrderActors.Grains.Orders;

/// <summary>
/// The answer to <see cref="IOrderGrain.TryPlaceAsync"/>: the order and whether this very call created it (decided
/// inside the grain's turn, so two concurrent deliveries cannot both see "created"), or a <see cref="Refusal"/> with no
/// order (nothing was written). Exactly one of <see cref="Order"/> and <see cref="Refusal"/> is set.
/// </summary>
public sealed record PlaceOutcome(OrderView? Order, bool Created, PlaceRefusal? Refusal = null)
{
    public static PlaceOutcome Refused(PlaceRefusal refusal) => new(null, Created: false, refusal);

    /// <summary>The order, or the refusal's <see cref="DomainException"/> thrown: for callers that want a refusal to fail.</summary>
    public OrderView OrderOrThrow()
    {
        if (Order is { } order)
        {
            return order;
        }

        if (Refusal is { } refusal)
        {
            throw refusal.ToException();
        }

        throw new InvalidOperationException("A place outcome carries an order or a refusal.");
    }
}
