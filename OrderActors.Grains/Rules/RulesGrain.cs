using OrderActors.Grains.Rules.Events;
using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Rules;

/// <summary>The rule book grain: validates each put whole, journals it, and pushes the new book to the silo's <see cref="RulesCache"/>.</summary>
[GrainType("rules")]
public sealed class RulesGrain(IJournal<RulesState> journal, RulesCache cache, TimeProvider time) : Grain, IRulesGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        cache.Update(journal.State.ToBook());
        return Task.CompletedTask;
    }

    public Task<RuleBook> GetAsync() => Task.FromResult(journal.State.ToBook());

    public Task<RuleBook> PutAllocationAsync(AllocationRules rules, string actor, long? ifVersion = null)
    {
        EnsureAt("allocation", journal.State.Allocation.Version, ifVersion);
        RulesValidator.Validate(rules);
        return PutAsync(new AllocationRulesChanged(rules, time.GetUtcNow()), actor);
    }

    public Task<RuleBook> PutExceptionsAsync(ExceptionRules rules, string actor, long? ifVersion = null)
    {
        EnsureAt("exceptions", journal.State.Exceptions.Version, ifVersion);
        RulesValidator.Validate(rules);
        return PutAsync(new ExceptionRulesChanged(rules, time.GetUtcNow()), actor);
    }

    public Task<RuleBook> PutApprovalAsync(ApprovalRules rules, string actor, long? ifVersion = null)
    {
        EnsureAt("approval", journal.State.Approval.Version, ifVersion);
        RulesValidator.Validate(rules);
        return PutAsync(new ApprovalRulesChanged(rules, time.GetUtcNow()), actor);
    }

    public Task<RuleBook> PutSlaAsync(SlaRules rules, string actor, long? ifVersion = null)
    {
        EnsureAt("sla", journal.State.Sla.Version, ifVersion);
        RulesValidator.Validate(rules);
        return PutAsync(new SlaRulesChanged(rules, time.GetUtcNow()), actor);
    }

    /// <summary>
    /// Checked in the grain's turn, before anything else, so two operators who read the same version cannot both replace
    /// the section: the second one's put is refused whole.
    /// </summary>
    private static void EnsureAt(string section, long current, long? expected)
    {
        if (expected is { } version && version != current)
        {
            throw DomainException.PreconditionFailed(
                "rules.changed",
                $"The {section} rules changed since version {version} (they are at version {current} now); nothing was changed. " +
                $"Read them again, apply your change to what they are now, and send it with If-Match: \"{current}\".",
                "If-Match");
        }
    }

    private async Task<RuleBook> PutAsync(object change, string actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw DomainException.Validation("validation.required", "actor", "actor is required.");
        }

        await journal.AppendAsync(change, actor);
        var book = journal.State.ToBook();
        cache.Update(book);
        return book;
    }
}
