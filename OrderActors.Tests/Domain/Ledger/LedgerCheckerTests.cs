using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains.Ledger;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Grains.Stock.Events;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Domain.Stock;

namespace OrderActors.Tests.Domain.Ledger;

public sealed class LedgerCheckerTests
{
    private const string Actor = "test";
    private static readonly string[] Skus = ["SKU-A", "SKU-B", "SKU-C", "SKU-D"];

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CheckAsync_AfterRandomizedRunWithRestarts_FindsNoDrift(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var run = new RandomOrderRun(cluster, seed: 20261111);
        await run.StockAsync(Skus, 40);

        await run.RunAsync(steps: 2000, restartEvery: 400);
        var report = await cluster.Services.GetRequiredService<LedgerChecker>().CheckAsync();

        Assert.True(report.IsClean, string.Join(Environment.NewLine, report.Drifts));
        Assert.Equal(Skus.Length, report.SkusChecked);
        Assert.True(report.OrdersChecked > 0);
        Assert.True(run.Succeeded["place"] > 100 && run.Succeeded["ship"] > 10 && run.Succeeded["cancel"] > 10 && run.Succeeded["return"] > 5,
            string.Join(", ", run.Succeeded.Select(p => $"{p.Key}={p.Value}")));
        foreach (var sku in Skus)
        {
            var view = await cluster.Stock(sku).GetAsync();
            Assert.True(view.Reserved + view.Allocated <= view.OnHand + view.PresaleAllowance && view.Sellable >= 0, view.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CheckAsync_EventsAppendedBehindTheGrainsBack_ReportsTheDrift(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        await cluster.Stock("SKU-A").ReceiveAsync(new StockReceipt("SZ", 20, Actor));
        var real = await cluster.GetGrain<IOrderGrain>(OrderKeys.For("own", "real")).PlaceAsync(RandomOrderRun.Order("own", "real", "13900000001", ("SKU-A", 2)));
        var clean = await cluster.Services.GetRequiredService<LedgerChecker>().CheckAsync();

        await AppendBehindTheGrainsBackAsync(cluster, "SKU-A", new StockReserved("ghost-1", 3, 3, null), new StockReleased(real.Id, 1, null, false, "tampered"));
        await cluster.RestartAsync();
        var report = await cluster.Services.GetRequiredService<LedgerChecker>().CheckAsync();

        Assert.True(clean.IsClean, string.Join(Environment.NewLine, clean.Drifts));
        Assert.Contains(new LedgerDrift(LedgerDriftKinds.OrderShouldNotHold, "SKU-A", "ghost-1", "nothing held while not found", "3 Reserved"), report.Drifts);
        Assert.Contains(new LedgerDrift(LedgerDriftKinds.ReservedTotal, "SKU-A", null, "3", "4"), report.Drifts);
        Assert.Contains(new LedgerDrift(LedgerDriftKinds.OrderMissingHolding, "SKU-A", real.Id, "held while PendingPayment", "nothing held"), report.Drifts);
        Assert.Equal(3, report.Drifts.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RepairAsync_StockConfirmedForAnOrderNeverStored_ReleasesOnlyThatAndADeliveryAgainHoldsItAfresh(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        await cluster.Stock("SKU-A").ReceiveAsync(new StockReceipt("SZ", 10, Actor));
        await cluster.Stock("SKU-B").ReceiveAsync(new StockReceipt("SZ", 10, Actor));
        var real = await cluster.GetGrain<IOrderGrain>(OrderKeys.For("tmall", "real")).PlaceAsync(RandomOrderRun.Order("tmall", "real", "13900000001", ("SKU-A", 2)));
        // What a crash between a paid order's stock confirmation and its append leaves: the SKUs hold confirmed units
        // for an order that was never stored.
        var ghost = OrderKeys.For("tmall", "ghost");
        foreach (var sku in new[] { "SKU-A", "SKU-B" })
        {
            await cluster.Stock(sku).ReserveAsync(new ReserveStock(ghost, 3, null, AllowShortage: true, Actor));
            await cluster.Stock(sku).ConfirmAsync(new ConfirmStock(ghost, Actor));
        }

        var checker = cluster.Services.GetRequiredService<LedgerChecker>();
        var repair = await checker.RepairAsync("admin:ops");
        var again = await checker.RepairAsync("admin:ops");

        Assert.Equal(
            [new LedgerDrift(LedgerDriftKinds.OrderShouldNotHold, "SKU-A", ghost, "nothing held while not found", "3 Confirmed"),
             new LedgerDrift(LedgerDriftKinds.OrderShouldNotHold, "SKU-B", ghost, "nothing held while not found", "3 Confirmed")],
            repair.Before.Drifts.OrderBy(d => d.Sku, StringComparer.Ordinal));
        var released = Assert.Single(repair.Released);
        Assert.Equal(ghost, released.OrderId);
        Assert.Equal(["SKU-A", "SKU-B"], released.Skus);
        Assert.True(repair.After.IsClean, string.Join(Environment.NewLine, repair.After.Drifts));
        Assert.Empty(again.Released);
        Assert.Equal((2, 0), ((await cluster.Stock("SKU-A").GetAsync()).Reserved, (await cluster.Stock("SKU-B").GetAsync()).Reserved));
        Assert.Equal(HoldingStatus.Confirmed, (await cluster.Stock("SKU-A").GetHoldingAsync(real.Id)).Status);
        Assert.Equal(HoldingStatus.Released, (await cluster.Stock("SKU-B").GetHoldingAsync(ghost)).Status);

        // The marketplace delivers the order after all: it is placed and holds its units again.
        var delivered = await cluster.GetGrain<IOrderGrain>(ghost).PlaceAsync(RandomOrderRun.Order("tmall", "ghost", "13900000002", ("SKU-A", 3), ("SKU-B", 3)));
        Assert.Equal(OrderStatus.Paid, delivered.Status);
        Assert.Equal((5, 3), ((await cluster.Stock("SKU-A").GetAsync()).Reserved, (await cluster.Stock("SKU-B").GetAsync()).Reserved));
        Assert.True((await checker.CheckAsync()).IsClean);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReleaseUnstoredStockAsync_OrderThatExists_ReleasesNothing(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        await cluster.Stock("SKU-A").ReceiveAsync(new StockReceipt("SZ", 10, Actor));
        var order = await cluster.GetGrain<IOrderGrain>(OrderKeys.For("jd", "kept")).PlaceAsync(RandomOrderRun.Order("jd", "kept", "13900000003", ("SKU-A", 4)));

        var released = await cluster.GetGrain<IOrderGrain>(order.Id).ReleaseUnstoredStockAsync(new ReleaseUnstoredStock(["SKU-A"], "admin:ops"));

        Assert.Empty(released);
        Assert.Equal(4, (await cluster.Stock("SKU-A").GetAsync()).Reserved);
        Assert.Equal(HoldingStatus.Confirmed, (await cluster.Stock("SKU-A").GetHoldingAsync(order.Id)).Status);
    }

    private static async Task AppendBehindTheGrainsBackAsync(TestCluster cluster, string sku, params object[] events)
    {
        var id = StockTestCluster.SkuId(sku);
        var version = (await cluster.Storage.LoadAsync(id, CancellationToken.None)).Version;
        var records = events
            .Select(e => new EventRecord(JournalEventRegistry.GetName(e.GetType()), JsonSerializer.Serialize(e, e.GetType(), JournalJson.Options), "intruder", cluster.Time.GetUtcNow()))
            .ToList();
        await cluster.Storage.AppendAsync(new AppendRequest(id, version, records), CancellationToken.None);
    }
}
