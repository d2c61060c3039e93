using OrderActors.Runtime;

namespace OrderActors.Grains.Rules;

/// <summary>
/// The rule book (allocation rules, exception checks, approval tiers, SLA), keyed by rule-book name
/// (<see cref="RuleBook.DefaultKey"/>). Journaled and versioned: each put validates the whole section, rejects it whole
/// with the failing field (<c>validation.*</c>), and bumps the version. Orders read it through <see cref="RulesCache"/>.
/// A put with <c>ifVersion</c> replaces the section only while the section is still at that version (the version at which
/// it last changed, which its reads carry); otherwise <c>rules.changed</c> (412) and nothing changes.
/// </summary>
public interface IRulesGrain : IGrainWithStringKey
{
    Task<RuleBook> GetAsync();

    Task<RuleBook> PutAllocationAsync(AllocationRules rules, string actor, long? ifVersion = null);

    Task<RuleBook> PutExceptionsAsync(ExceptionRules rules, string actor, long? ifVersion = null);

    Task<RuleBook> PutApprovalAsync(ApprovalRules rules, string actor, long? ifVersion = null);

    Task<RuleBook> PutSlaAsync(SlaRules rules, string actor, long? ifVersion = null);
}
