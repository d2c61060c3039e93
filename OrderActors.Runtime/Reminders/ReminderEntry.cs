namespace OrderActors.Runtime.Reminders;

/// <summary>A durable reminder: the grain, its name, when it is next due, and its period (<see langword="null"/> = one-shot).</summary>
/// <param name="GrainId">The grain to remind.</param>
/// <param name="Name">Unique per grain.</param>
/// <param name="DueAt">Next due time.</param>
/// <param name="Period">Period of a periodic reminder; <see langword="null"/> for one-shot.</param>
/// <param name="ETag">Changes on every write; used so that a delivered tick does not remove a reminder re-registered meanwhile.</param>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset DueAt, TimeSpan? Period, string ETag);
