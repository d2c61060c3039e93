namespace OrderActors.Grains.Stock;

/// <summary>Move <paramref name="Quantity"/> reserved units from <paramref name="FromOrderId"/> to <paramref name="ToOrderId"/> (split, merge).</summary>
public sealed record TransferReservation(string FromOrderId, string ToOrderId, int Quantity, string Actor);
