namespace OrderActors.Client.Contracts;

/// <summary>A durable reminder.</summary>
public sealed record ReminderDto(string GrainType, string GrainKey, string Name, DateTimeOffset DueAt, double? PeriodSeconds);
