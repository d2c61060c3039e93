namespace OrderActors.Grains.Orders;

/// <summary>Merges <see cref="OtherOrderIds"/> into the order that receives this command.</summary>
public sealed record MergeOrders(IReadOnlyList<string> OtherOrderIds, string Actor, string? Reason = null);
