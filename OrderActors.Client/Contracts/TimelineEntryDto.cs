namespace OrderActors.Client.Contracts;

/// <summary>One step of a tracked order: placed, paid, packed, shipped, a carrier event, delivered…</summary>
public sealed record TimelineEntryDto(DateTimeOffset At, string Event, string? Description);
