using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Rules.Events;

/// <summary>A new, validated rule section was put.</summary>
[JournalEvent("rules.sla_changed")]
public sealed record SlaRulesChanged(SlaRules Rules, DateTimeOffset At);
