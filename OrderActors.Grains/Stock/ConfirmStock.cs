namespace OrderActors.Grains.Stock;

/// <summary>Payment for <paramref name="OrderId"/> arrived: its reservation stops expiring.</summary>
public sealed record ConfirmStock(string OrderId, string Actor);
