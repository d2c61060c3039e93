namespace OrderActors.Grains.Orders;

/// <summary>One approval given.</summary>
public sealed record ApprovalGrant(string Role, string Actor, DateTimeOffset At, string? Comment);
