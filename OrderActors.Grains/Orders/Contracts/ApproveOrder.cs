namespace OrderActors.Grains.Orders;

/// <summary>An approval by someone holding <see cref="Role"/> (the next role the order's tiers need).</summary>
public sealed record ApproveOrder(string Role, string Actor, string? Comment = null);
