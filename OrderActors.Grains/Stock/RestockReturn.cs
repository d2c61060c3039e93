namespace OrderActors.Grains.Stock;

/// <summary>Returned goods of return <paramref name="ReturnId"/> are back on hand in <paramref name="Warehouse"/>.</summary>
public sealed record RestockReturn(string ReturnId, string Warehouse, int Quantity, string Actor);
