namespace OrderActors.Grains.Stock;

/// <summary>
/// Reserve <paramref name="Quantity"/> units for <paramref name="OrderId"/>, released automatically at
/// <paramref name="ExpiresAt"/> unless confirmed first. <paramref name="AllowShortage"/>: the order is already sold
/// (marketplace), so reserve what there is and report the shortage instead of refusing.
/// </summary>
public sealed record ReserveStock(string OrderId, int Quantity, DateTimeOffset? ExpiresAt, bool AllowShortage, string Actor);
