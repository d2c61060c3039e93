namespace OrderActors.Client.Contracts;

/// <summary>Reminder delivery lag and counters.</summary>
public sealed record ReminderStatsDto(long Backlog, double LagP50Ms, double LagP99Ms, double LagMaxMs, long Deliveries, long Failures);
