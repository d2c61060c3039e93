namespace OrderActors.Grains.Orders;

/// <summary>The customer asks for a refund (before shipping: interception; after: a return).</summary>
public sealed record RequestReturn(string Reason, string Actor);
