namespace OrderActors.Grains.Stock;

/// <summary>
/// Reserve <paramref name="Quantity"/> units for <paramref name="OrderId"/>, released automatically at
/// <paramref name="ExpiresAt"/> unless confirmed first. <paramref name="AllowShortage"/>: the order is already sold
/// (marketplace), so reserve what there is and report the shortage instead of refusing. <paramref name="Confirm"/>: the
/// order is already paid, so the reservation is confirmed in the same append (the events a reservation and then a
/// confirmation would write, in one commit: one SKU write per line for an order that arrives paid, not two).
/// </summary>
public sealed record ReserveStock(string OrderId, int Quantity, DateTimeOffset? ExpiresAt, bool AllowShortage, string Actor, bool Confirm = false);
