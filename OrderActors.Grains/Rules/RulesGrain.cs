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

    public Task<RuleBook> PutAllocationAsync(AllocationRules rules, string actor)
    {
        RulesValidator.Validate(rules);
        return PutAsync(new AllocationRulesChanged(rules, time.GetUtcNow()), actor);
    }

    public Task<RuleBook> PutExceptionsAsync(ExceptionRules rules, string actor)
    {
        RulesValidator.Validate(rules);
        return PutAsync(new ExceptionRulesChanged(rules, time.GetUtcNow()), actor);
    }

    public Task<RuleBook> PutApprovalAsync(ApprovalRules rules, string actor)
    {
        RulesValidator.Validate(rules);
        return PutAsync(new ApprovalRulesChanged(rules, time.GetUtcNow()), actor);
    }

    public Task<RuleBook> PutSlaAsync(SlaRules rules, string actor)
    {
        RulesValidator.Validate(rules);
        return PutAsync(new SlaRulesChanged(rules, time.GetUtcNow()), actor);
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
