namespace OrderActors.Grains.Orders;

/// <summary>Grain-to-grain: the merge target <see cref="TargetOrderId"/> was cancelled, or goes to another address, and gave this order its lines and stock back.</summary>
public sealed record RestoreFromMerge(string TargetOrderId, string Reason, string Actor);
