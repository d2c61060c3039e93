using OrderActors.Grains.Customers;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Domain.Stock;

namespace OrderActors.Tests.Domain.Customers;

public sealed class CustomerGrainTests
{
    private const string Phone = "13800138000";
    private static readonly CustomerAddress Shenzhen = new("广东省", "深圳市", "南山区", "科技园科苑路15号腾讯大厦5楼");
    private static readonly CustomerAddress ShenzhenFromJd = new("广东", "深圳", "南山", "广东省深圳市南山区科苑路１５号　腾讯大厦５楼");

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RecordOrder_SameBasketFromAnotherChannelWithinWindow_IsSuspectedDuplicateAfterRestart(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var now = cluster.Time.GetUtcNow();
        await cluster.GetGrain<ICustomerGrain>(Phone).RecordOrderAsync(Order("taobao-1", "taobao", Shenzhen, now, 299m));
        await cluster.RestartAsync();

        var sameChannel = await cluster.GetGrain<ICustomerGrain>(Phone).RecordOrderAsync(Order("taobao-2", "taobao", Shenzhen, now.AddHours(1), 299m));
        var otherChannel = await cluster.GetGrain<ICustomerGrain>(Phone).RecordOrderAsync(Order("jd-1", "jd", ShenzhenFromJd, now.AddHours(2), 299m));
        var outsideWindow = await cluster.GetGrain<ICustomerGrain>(Phone).RecordOrderAsync(Order("pdd-1", "pdd", Shenzhen, now.AddHours(30), 299m));
        var repeated = await cluster.GetGrain<ICustomerGrain>(Phone).RecordOrderAsync(Order("jd-1", "jd", ShenzhenFromJd, now.AddHours(2), 299m));

        Assert.False(sameChannel.SuspectedDuplicate);
        Assert.True(otherChannel.SuspectedDuplicate);
        Assert.True(otherChannel.AddressMatched);
        Assert.Equal("taobao-2", otherChannel.DuplicateOfOrderId);
        Assert.False(outsideWindow.SuspectedDuplicate);
        Assert.Equal(otherChannel with { AlreadyRecorded = true }, repeated);
        var view = await cluster.GetGrain<ICustomerGrain>(Phone).GetAsync();
        Assert.Single(view.Addresses);
        Assert.Equal(4, view.Orders.Count);
        Assert.Equal(4 * 299m, view.TotalSpend);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RecordOrder_WithRecentOrderWindow_CountsTheOrdersPlacedWithinIt(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var customer = cluster.GetGrain<ICustomerGrain>(Phone);
        var now = cluster.Time.GetUtcNow();
        var day = TimeSpan.FromHours(24);

        var first = await customer.RecordOrderAsync(Order("own-1", "own", Shenzhen, now, 10m) with { RecentOrderWindow = day });
        var second = await customer.RecordOrderAsync(Order("own-2", "own", Shenzhen, now.AddHours(1), 10m, sku: "SKU-2") with { RecentOrderWindow = day });
        var unasked = await customer.RecordOrderAsync(Order("own-3", "own", Shenzhen, now.AddHours(2), 10m, sku: "SKU-3"));
        var nextDay = await customer.RecordOrderAsync(Order("own-4", "own", Shenzhen, now.AddHours(25).AddMinutes(30), 10m, sku: "SKU-4") with { RecentOrderWindow = day });

        Assert.Equal((1, 2, 0), (first.RecentOrders, second.RecentOrders, unasked.RecentOrders));
        Assert.Equal(2, nextDay.RecentOrders);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tags_OnManualClock_HighValueExpiresAndChurnRiskAppearsInTheIndex(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var customer = cluster.GetGrain<ICustomerGrain>(Phone);
        var start = cluster.Time.GetUtcNow();
        await customer.RecordOrderAsync(Order("own-1", "own", Shenzhen, start, 800m));
        await cluster.AdvanceTimeAsync(TimeSpan.FromDays(10));
        await customer.RecordOrderAsync(Order("own-2", "own", Shenzhen, cluster.Time.GetUtcNow(), 500m, sku: "SKU-2"));
        var highValue = await customer.GetAsync();
        var listedHighValue = await TaggedAsync(cluster, CustomerTags.HighValue);

        await cluster.AdvanceTimeAsync(TimeSpan.FromDays(81));
        var afterWindow = await cluster.GetGrain<ICustomerGrain>(Phone).GetAsync();
        var listedAfterWindow = await TaggedAsync(cluster, CustomerTags.HighValue);
        await cluster.RestartAsync();
        await cluster.AdvanceTimeAsync(TimeSpan.FromDays(100));
        var churned = await cluster.GetGrain<ICustomerGrain>(Phone).GetAsync();
        var listedChurn = await TaggedAsync(cluster, CustomerTags.ChurnRisk);

        Assert.Equal([CustomerTags.HighValue], highValue.Tags);
        Assert.Equal(1300m, highValue.Spend90Days);
        Assert.Equal([Phone], listedHighValue);
        Assert.Empty(afterWindow.Tags);
        Assert.Equal(500m, afterWindow.Spend90Days);
        Assert.Empty(listedAfterWindow);
        Assert.Equal([CustomerTags.ChurnRisk], churned.Tags);
        Assert.Equal([Phone], listedChurn);
    }

    private static async Task<List<string>> TaggedAsync(TestCluster cluster, string tag)
    {
        var found = await cluster.Storage.QueryIndexAsync(
            new IndexQuery(CustomerGrain.GrainTypeName, [new IndexFilter($"tag:{tag}", IndexOperator.Equal, "1")]),
            CancellationToken.None);
        return [.. found.Select(f => f.GrainKey)];
    }

    private static CustomerOrder Order(string orderId, string channel, CustomerAddress address, DateTimeOffset at, decimal amount, string sku = "SKU-1") =>
        new(orderId, channel, "李四", address, [new CustomerOrderItem(sku, 1)], amount, at, "test");
}
