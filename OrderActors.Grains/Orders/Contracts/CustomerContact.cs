namespace OrderActors.Grains.Orders;

/// <summary>The buyer as the channel gave it.</summary>
public sealed record CustomerContact(string Name, string Phone);
