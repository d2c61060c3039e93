using Microsoft.Extensions.DependencyInjection;
using OrderActors.Api.Channels;
using OrderActors.Api.Webhooks;
using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>A sold-out own-store checkout as a value (<see cref="IOrderGrain.TryPlaceAsync"/>) and as the exception the other callers still get.</summary>
public sealed class OrderRefusalTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TryPlaceAsync_LastSkuSoldOut_ReturnsTheRefusalAndWritesNothing(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("A", 10);
        await cluster.ReceiveAsync("B", 1);
        var order = Order("own", "sold-out", new("A", 2, 10m), new("B", 2, 10m));

        var outcome = await cluster.Order(order).TryPlaceAsync(order);

        Assert.Null(outcome.Order);
        Assert.False(outcome.Created);
        Assert.Equal(
            new PlaceRefusal(DomainErrorKind.Conflict, OrderErrors.StockInsufficient, "Not enough stock of B: 2 wanted, fewer available."),
            outcome.Refusal);
        var (a, b) = (await cluster.StockAsync("A"), await cluster.StockAsync("B"));
        Assert.Equal((10, 0, 1, 0), (a.Sellable, a.Reserved, b.Sellable, b.Reserved));
        Assert.Equal(0, await cluster.VersionAsync("own-sold-out"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TryPlaceAsync_OnlySkuSoldOut_AppendsNoEventAnywhere(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("A", 1);
        await cluster.PlaceAsync(Order("own", "first", new OrderLineRequest("A", 1, 10m)));
        var storage = cluster.Cluster.Services.GetRequiredService<IGrainStorage>();
        var feedBefore = await storage.GetFeedHeadAsync(CancellationToken.None);
        var order = Order("own", "second", new OrderLineRequest("A", 1, 10m));

        var outcome = await cluster.Order(order).TryPlaceAsync(order);

        Assert.Equal(OrderErrors.StockInsufficient, outcome.Refusal?.Code);
        Assert.Equal(feedBefore, await storage.GetFeedHeadAsync(CancellationToken.None));
        Assert.Equal(0, await cluster.VersionAsync("own-second"));
    }

    [Fact]
    public async Task PlaceAsync_SoldOut_ThrowsTheSameDomainExceptionTheRefusalDescribes()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("A", 1);
        var order = Order("own", "late", new OrderLineRequest("A", 2, 10m));

        var refusal = (await cluster.Order(order).TryPlaceAsync(order)).Refusal!;
        var thrown = await Assert.ThrowsAsync<DomainException>(() => cluster.PlaceAsync(order));

        Assert.Equal((refusal.Kind, refusal.Code, refusal.Message, refusal.Field), (thrown.Kind, thrown.Code, thrown.Message, thrown.Field));
        Assert.Equal((DomainErrorKind.Conflict, "stock.insufficient", "Not enough stock of A: 2 wanted, fewer available."), (thrown.Kind, thrown.Code, thrown.Message));
    }

    [Fact]
    public async Task TryPlaceAsync_OrderPlacedBeforeTheSellOut_ReturnsTheOrderNotARefusal()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("A", 1);
        var order = Order("own", "early", new OrderLineRequest("A", 1, 10m));
        var first = await cluster.Order(order).TryPlaceAsync(order);

        var again = await cluster.Order(order).TryPlaceAsync(order);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Null(again.Refusal);
        Assert.Equal(first.OrderOrThrow().Id, again.OrderOrThrow().Id);
        Assert.Equal((1, 0), ((await cluster.StockAsync("A")).Reserved, (await cluster.StockAsync("A")).Sellable));
    }

    [Fact]
    public async Task AcceptAsync_OwnChannelOrderSoldOut_StillThrowsStockInsufficient()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("A", 1);
        var intake = new GrainOrderIntake(cluster.Cluster.GrainFactory);
        var order = new MappedOrder
        {
            Channel = "own",
            ExternalOrderNo = "import-1",
            CustomerName = "张三",
            Phone = "13800138000",
            Province = "浙江省",
            City = "杭州市",
            District = "西湖区",
            AddressDetail = "文三路 100 号",
            Lines = [new MappedLine("A", 2, 10m)],
        };

        var error = await Assert.ThrowsAsync<DomainException>(() => intake.AcceptAsync(order, "import", CancellationToken.None));

        Assert.Equal((DomainErrorKind.Conflict, OrderErrors.StockInsufficient), (error.Kind, error.Code));
        Assert.Equal(0, await cluster.VersionAsync("own-import-1"));
    }

    [Fact]
    public void OrderOrThrow_Refused_ThrowsTheRefusalsException()
    {
        var outcome = PlaceOutcome.Refused(PlaceRefusal.StockInsufficient("A", 3));

        var error = Assert.Throws<DomainException>(outcome.OrderOrThrow);

        Assert.Equal((DomainErrorKind.Conflict, "stock.insufficient", "Not enough stock of A: 3 wanted, fewer available.", (string?)null), (error.Kind, error.Code, error.Message, error.Field));
    }
}
