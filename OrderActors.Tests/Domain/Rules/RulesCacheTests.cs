using OrderActors.Grains.Rules;

namespace OrderActors.Tests.Domain.Rules;

public sealed class RulesCacheTests
{
    [Fact]
    public void Update_OlderBookAfterNewer_KeepsTheNewer()
    {
        var cache = new RulesCache();
        var newer = RuleBook.Default with { Version = 5 };

        cache.Update(newer);
        cache.Update(RuleBook.Default with { Version = 4 });

        Assert.Same(newer, cache.Current);
    }
}
