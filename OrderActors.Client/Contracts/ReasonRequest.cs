namespace OrderActors.Client.Contracts;

/// <summary>Transitions that only need a reason: cancel, hold release, return request, split, merge reason.</summary>
public sealed record ReasonRequest(string? Reason);
