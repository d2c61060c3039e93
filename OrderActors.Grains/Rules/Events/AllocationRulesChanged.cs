using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Rules.Events;

/// <summary>A new, validated rule section was put.</summary>
[JournalEvent("rules.allocation_changed")]
public sealed record AllocationRulesChanged(AllocationRules Rules, DateTimeOffset At);
