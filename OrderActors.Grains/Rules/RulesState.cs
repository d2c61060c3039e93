using OrderActors.Grains.Rules.Events;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Rules;

/// <summary>The rule book's journaled state; each accepted change is one event and one version.</summary>
public sealed class RulesState : IJournaledState
{
    public long Version { get; set; }
    public AllocationRules Allocation { get; set; } = new();
    public ExceptionRules Exceptions { get; set; } = new();
    public ApprovalRules Approval { get; set; } = new();
    public SlaRules Sla { get; set; } = new();

    public RuleBook ToBook() => new(Version, Allocation, Exceptions, Approval, Sla);

    public void Apply(object @event)
    {
        Version++;
        switch (@event)
        {
            case AllocationRulesChanged e:
                Allocation = e.Rules with { Version = Version };
                break;
            case ExceptionRulesChanged e:
                Exceptions = e.Rules with { Version = Version };
                break;
            case ApprovalRulesChanged e:
                Approval = e.Rules with { Version = Version };
                break;
            case SlaRulesChanged e:
                Sla = e.Rules with { Version = Version };
                break;
            default:
                throw new InvalidOperationException($"Unknown rules event {@event?.GetType().Name}.");
        }
    }
}
