namespace OrderActors.Grains.Orders;

/// <summary>The customer received the parcel.</summary>
public sealed record DeliverOrder(string Actor);
