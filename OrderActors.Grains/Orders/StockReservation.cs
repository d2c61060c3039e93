namespace OrderActors.Grains.Orders;

/// <summary>
/// What reserving an order's SKUs came to: <see cref="Shortage"/> names the SKUs short and by how much (null when none is),
/// <see cref="Refusal"/> is an own-store checkout's refusal (nothing reserved), and <see cref="Presale"/> names the SKUs
/// whose units were sold beyond what was on hand, on the presale allowance, and wait for goods (<c>SKU-1: 3 of 5</c>), null
/// when none was.
/// </summary>
internal sealed record StockReservation(string? Shortage, PlaceRefusal? Refusal, string? Presale);
