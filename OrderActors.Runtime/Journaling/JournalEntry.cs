namespace OrderActors.Runtime.Journaling;

/// <summary>One confirmed event of a grain, deserialized.</summary>
/// <param name="Version">The grain version this event produced (1 for the first event).</param>
/// <param name="EventType">The stored type name.</param>
/// <param name="Event">The event object.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="Timestamp">When it was appended.</param>
/// <param name="Position">Its global position in the change feed.</param>
public sealed record JournalEntry(long Version, string EventType, object Event, string Actor, DateTimeOffset Timestamp, long Position);
