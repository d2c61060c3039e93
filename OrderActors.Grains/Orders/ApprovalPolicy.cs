using OrderActors.Grains.Rules;

namespace OrderActors.Grains.Orders;

/// <summary>Which approvals an amount needs: the roles of every tier whose minimum it reaches, lowest tier first.</summary>
public static class ApprovalPolicy
{
    public static IReadOnlyList<string> RequiredRoles(decimal amount, ApprovalRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        // Every order asks, and nearly every amount reaches no tier: no LINQ iterators, and no list when none is needed.
        // Same result as Where(reached).OrderBy(MinAmount).Select(Role): a stable insertion by minimum.
        List<ApprovalTier>? reached = null;
        foreach (var tier in rules.Tiers)
        {
            if (amount >= tier.MinAmount)
            {
                reached ??= [];
                var at = reached.Count;
                while (at > 0 && reached[at - 1].MinAmount > tier.MinAmount)
                {
                    at--;
                }

                reached.Insert(at, tier);
            }
        }

        if (reached is null)
        {
            return [];
        }

        var roles = new List<string>(reached.Count);
        foreach (var tier in reached)
        {
            roles.Add(tier.Role);
        }

        return roles;
    }
}
