using OrderActors.Grains.Rules;
using OrderActors.Tests.Domain.Orders;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Domain.Rules;

public sealed class RulesGrainTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PutAsync_ThenRestart_KeepsEverySectionAndItsVersion(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.Rules.PutAllocationAsync(new AllocationRules { Rules = [new AllocationRule { Warehouse = "SUZ", Provinces = ["江苏省"] }] }, "admin");
        await cluster.Rules.PutSlaAsync(new SlaRules { Packing = TimeSpan.FromHours(3) }, "admin");

        await cluster.Cluster.RestartAsync();
        var book = await cluster.Rules.GetAsync();

        Assert.Equal(2, book.Version);
        Assert.Equal((1, 2), (book.Allocation.Version, book.Sla.Version));
        Assert.Equal("SUZ", book.Allocation.Rules.Single().Warehouse);
        Assert.Equal(["江苏省"], book.Allocation.Rules.Single().Provinces);
        Assert.Equal(TimeSpan.FromHours(3), book.Sla.Packing);
        Assert.Equal(0, book.Approval.Version);
    }

    [Fact]
    public async Task PutAsync_WithoutActor_IsRejected()
    {
        await using var cluster = await OrderCluster.StartAsync();

        var error = await Assert.ThrowsAsync<OrderActors.Grains.DomainException>(() => cluster.Rules.PutSlaAsync(new SlaRules(), " "));

        Assert.Equal("actor", error.Field);
        Assert.Equal(0, (await cluster.Rules.GetAsync()).Version);
    }
}
