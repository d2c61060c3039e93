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
