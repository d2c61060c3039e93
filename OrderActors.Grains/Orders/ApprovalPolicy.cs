using OrderActors.Grains.Rules;

namespace OrderActors.Grains.Orders;

/// <summary>Which approvals an amount needs: the roles of every tier whose minimum it reaches, lowest tier first.</summary>
public static class ApprovalPolicy
{
    public static IReadOnlyList<string> RequiredRoles(decimal amount, ApprovalRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Tiers.Where(t => amount >= t.MinAmount).OrderBy(t => t.MinAmount).Select(t => t.Role).ToList();
    }
}
