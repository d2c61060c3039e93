using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Rules.Events;

/// <summary>A new, validated rule section was put.</summary>
[JournalEvent("rules.approval_changed")]
public sealed record ApprovalRulesChanged(ApprovalRules Rules, DateTimeOffset At);
