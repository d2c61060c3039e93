using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Rules.Events;

/// <summary>A new, validated rule section was put.</summary>
[JournalEvent("rules.exceptions_changed")]
public sealed record ExceptionRulesChanged(ExceptionRules Rules, DateTimeOffset At);
