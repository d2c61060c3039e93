namespace OrderActors.Client.Contracts;

/// <summary>The order's SLA stage, deadline and escalation.</summary>
public sealed record SlaDto(string? Stage, DateTimeOffset? DueAt, bool Overdue, int Level, bool RedAlert, int Breaches);
