namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/orders/merge</c>: merge <see cref="OtherOrderIds"/> into <see cref="TargetOrderId"/>.</summary>
public sealed record MergeRequest(string? TargetOrderId, IReadOnlyList<string>? OtherOrderIds, string? Reason = null);
