using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;

namespace OrderActors.Tests.Domain.Rules;

/// <summary>RequiredRoles runs without LINQ now; for any tiers (unordered, equal minimums) it must give what Where/OrderBy/Select gave.</summary>
public sealed class ApprovalPolicyReferenceTests
{
    [Fact]
    public void RequiredRoles_RandomTiersAndAmounts_SameAsTheLinqVersion()
    {
        var random = new Random(6);
        for (var round = 0; round < 500; round++)
        {
            var tiers = Enumerable.Range(0, random.Next(0, 6))
                .Select(i => new ApprovalTier(random.Next(0, 5) * 10_000m, $"role-{i}"))
                .ToList();
            var rules = new ApprovalRules { Tiers = tiers };
            var amount = random.Next(0, 60_000);

            var roles = ApprovalPolicy.RequiredRoles(amount, rules);

            Assert.Equal(tiers.Where(t => amount >= t.MinAmount).OrderBy(t => t.MinAmount).Select(t => t.Role), roles);
        }
    }

    [Fact]
    public void RequiredRoles_BelowEveryTier_IsEmpty()
    {
        var roles = ApprovalPolicy.RequiredRoles(10m, new ApprovalRules());

        Assert.Empty(roles);
    }
}
