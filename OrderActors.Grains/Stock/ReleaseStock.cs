namespace OrderActors.Grains.Stock;

/// <summary>Release what <paramref name="OrderId"/> holds (cancelled, expired hold, failed multi-SKU placement…).</summary>
public sealed record ReleaseStock(string OrderId, string Reason, string Actor);
