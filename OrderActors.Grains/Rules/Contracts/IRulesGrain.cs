using OrderActors.Runtime;

namespace OrderActors.Grains.Rules;

/// <summary>
/// The rule book (allocation rules, exception checks, approval tiers, SLA), keyed by rule-book name
/// (<see cref="RuleBook.DefaultKey"/>). Journaled and versioned: each put validates the whole section, rejects it whole
/// with the failing field (<c>validation.*</c>), and bumps the version. Orders read it through <see cref="RulesCache"/>.
/// </summary>
public interface IRulesGrain : IGrainWithStringKey
{
    Task<RuleBook> GetAsync();

    Task<RuleBook> PutAllocationAsync(AllocationRules rules, string actor);

    Task<RuleBook> PutExceptionsAsync(ExceptionRules rules, string actor);

    Task<RuleBook> PutApprovalAsync(ApprovalRules rules, string actor);

    Task<RuleBook> PutSlaAsync(SlaRules rules, string actor);
}
