namespace OrderActors.Grains.Rules;

/// <summary>All rule sections at one version. Each section also carries the version at which it last changed.</summary>
public sealed record RuleBook(long Version, AllocationRules Allocation, ExceptionRules Exceptions, ApprovalRules Approval, SlaRules Sla)
{
    /// <summary>The key of the rule book orders use.</summary>
    public const string DefaultKey = "default";

    /// <summary>The code defaults (version 0).</summary>
    public static RuleBook Default { get; } = new(0, new AllocationRules(), new ExceptionRules(), new ApprovalRules(), new SlaRules());
}
