namespace OrderActors.Client.Contracts;

/// <summary><c>GET /health/live</c> and <c>/health/ready</c>.</summary>
public sealed record HealthReport(string Status, string? Storage);
