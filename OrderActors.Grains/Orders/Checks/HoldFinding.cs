namespace OrderActors.Grains.Orders;

/// <summary>An exception check that fired: the hold code and a human-readable detail.</summary>
public sealed record HoldFinding(string Code, string Detail);
