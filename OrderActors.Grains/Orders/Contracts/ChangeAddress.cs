namespace OrderActors.Grains.Orders;

/// <summary>Changes the shipping address before packing.</summary>
public sealed record ChangeAddress(ShippingAddress Address, string Reason, string Actor);
