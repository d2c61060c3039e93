namespace OrderActors.Grains.Orders;

/// <summary>Releases the open hold <see cref="Code"/> (see <see cref="HoldCodes"/>).</summary>
public sealed record ReleaseHold(string Code, string Reason, string Actor);
