using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;

namespace OrderActors.Tests.Domain.Rules;

public sealed class ApprovalPolicyTests
{
    [Theory]
    [InlineData("49999.99", new string[0])]
    [InlineData("50000", new[] { "sales" })]
    [InlineData("199999", new[] { "sales" })]
    [InlineData("200000", new[] { "sales", "admin" })]
    public void RequiredRoles_DefaultTiers_GrowWithTheAmount(string amount, string[] expected)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        var roles = ApprovalPolicy.RequiredRoles(value, new ApprovalRules());

        Assert.Equal(expected, roles);
    }
}
