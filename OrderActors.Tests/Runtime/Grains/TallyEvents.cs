using OrderActors.Runtime.Journaling;

namespace OrderActors.Tests.Runtime.Grains;

[JournalEvent("test.tally.added")]
public sealed record TallyAdded(int Amount);

/// <summary>An event the state rejects (Apply throws after half-applying it).</summary>
[JournalEvent("test.tally.poisoned")]
public sealed record TallyPoisoned(int Amount);

/// <summary>Not annotated: appending it must fail clearly.</summary>
public sealed record UnnamedEvent(int Amount);
