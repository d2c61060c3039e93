using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>A split order's payment is shared among its parts by their amounts; the shares add up to the payment exactly.</summary>
public sealed class OrderSplitPaymentTests
{
    private const decimal MaxUnitPrice = 100_000_000m;
    private const int MaxQuantity = 100_000;

    /// <summary>
    /// The largest payment (<see cref="OrderValidation.MaxAmount"/>, above this order's total: a marketplace's paid amount
    /// can include what the lines do not) over a part of 5 × 10^13: their product is past the largest decimal.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SplitAsync_LargestPaymentOverLargestLines_SharesAddUpToThePaymentToTheCent(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await ReviewNothingAsync(cluster);
        await cluster.ReceiveAsync("SKU-A", 5 * MaxQuantity, "A");
        await cluster.ReceiveAsync("SKU-B", MaxQuantity, "B");
        var line = new OrderLineRequest("SKU-A", MaxQuantity, MaxUnitPrice);
        await cluster.PlaceAsync(Paid("X1", OrderValidation.MaxAmount, line, line, line, line, line, new OrderLineRequest("SKU-B", MaxQuantity, MaxUnitPrice)));

        var split = await cluster.Order("taobao-X1").SplitAsync(new SplitOrder("ops"));

        var parts = await Task.WhenAll(split.ChildOrderIds.Select(id => cluster.Order(id).GetAsync()));
        Assert.Equal([5e13m, 1e13m], parts.Select(p => p.TotalAmount));
        Assert.Equal([1_666_666_666_666_666.67m, 333_333_333_333_333.33m], parts.Select(p => p.PaidAmount));
        Assert.Equal(OrderValidation.MaxAmount, parts.Sum(p => p.PaidAmount));
    }

    /// <summary>Three equal parts of a payment of 100 (the lines are 30; the rest is, say, shipping): 33.33 each left a cent out.</summary>
    [Fact]
    public async Task SplitAsync_ThreeEqualParts_SharesAddUpToThePayment()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await ReviewNothingAsync(cluster);
        await cluster.ReceiveAsync("CUP", 1, "A");
        await cluster.ReceiveAsync("BASIN", 1, "B");
        await cluster.ReceiveAsync("KETTLE", 1, "C");
        await cluster.PlaceAsync(Paid("X2", 100m, new OrderLineRequest("CUP", 1, 10m), new OrderLineRequest("BASIN", 1, 10m), new OrderLineRequest("KETTLE", 1, 10m)));

        var split = await cluster.Order("taobao-X2").SplitAsync(new SplitOrder("ops"));

        var parts = await Task.WhenAll(split.ChildOrderIds.Select(id => cluster.Order(id).GetAsync()));
        Assert.Equal(100m, parts.Sum(p => p.PaidAmount));
        Assert.Equal([33.33m, 33.33m, 33.34m], parts.Select(p => p.PaidAmount).Order());
    }

    /// <summary>No holds for these amounts and prices: the split is what is tested.</summary>
    private static Task<RuleBook> ReviewNothingAsync(OrderCluster cluster) =>
        cluster.Rules.PutExceptionsAsync(new ExceptionRules { ApprovalThreshold = new CheckSwitch { Enabled = false }, PriceAnomaly = new PriceAnomalyCheck { Enabled = false } }, "admin");

    private static PlaceOrder Paid(string number, decimal paid, params OrderLineRequest[] lines) =>
        Order("taobao", number, lines) with { Paid = true, PaidAmount = paid, PaymentId = $"pay-{number}" };
}
