namespace OrderActors.Grains.Orders;

/// <summary>An open exception that blocks the order, by code (see <see cref="HoldCodes"/>).</summary>
public sealed record HoldView(string Code, string Detail, DateTimeOffset OpenedAt);
