namespace OrderActors.Runtime;

/// <summary>What a reminder tick knows about itself.</summary>
/// <param name="DueAt">When the tick was due.</param>
/// <param name="Period">The period of a periodic reminder; <see langword="null"/> for a one-shot reminder.</param>
/// <param name="CurrentTime">The runtime clock when the tick was delivered.</param>
public readonly record struct TickStatus(DateTimeOffset DueAt, TimeSpan? Period, DateTimeOffset CurrentTime);
