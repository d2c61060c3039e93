namespace OrderActors.Grains.Orders;

/// <summary>
/// The buyer cancelled (or was refunded in full on) the channel an order that is part of a merge, either merged into
/// another order or the target others were merged into: only this order's lines leave the shipment. With
/// <see cref="ReturnWhenShipped"/> a shipment already gone opens a return of those lines. <see cref="OnlyBeforePacking"/>
/// (a person's cancellation over the API) refuses with a 409 once the shipment is packed, where the buyer's own
/// cancellation holds it for a person.
/// </summary>
public sealed record CancelMerged(string Reason, string Actor, bool ReturnWhenShipped)
{
    public bool OnlyBeforePacking { get; init; }
}
