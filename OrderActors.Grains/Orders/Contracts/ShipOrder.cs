namespace OrderActors.Grains.Orders;

/// <summary>The parcel left with <see cref="Carrier"/> under <see cref="WaybillNo"/>.</summary>
public sealed record ShipOrder(string Carrier, string WaybillNo, string Actor);
