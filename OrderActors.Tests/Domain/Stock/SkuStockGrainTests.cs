using OrderActors.Grains;
using OrderActors.Grains.Stock;
using OrderActors.Grains.Stock.Events;

namespace OrderActors.Tests.Domain.Stock;

public sealed class SkuStockGrainTests
{
    private const string Actor = "test";

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reserve_WhenTwoHundredBuyersRaceForFiftyUnits_SellsExactlyFifty(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        await cluster.Stock("FLASH-1").ReceiveAsync(new StockReceipt("SZ", 50, Actor));

        var results = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => cluster.Stock("FLASH-1").ReserveAsync(new ReserveStock($"own-{i}", 1, cluster.Time.GetUtcNow().AddMinutes(30), false, Actor))));

        Assert.Equal(50, results.Count(r => r.Accepted));
        Assert.All(results.Where(r => !r.Accepted), r => Assert.Equal((0, 1), (r.Reserved, r.Shortage)));
        var view = await cluster.Stock("FLASH-1").GetAsync();
        Assert.Equal((50, 50, 0, 50), (view.OnHand, view.Reserved, view.Sellable, view.OpenHoldings));
        var feed = await cluster.FeedOfAsync(StockTestCluster.SkuId("FLASH-1"));
        var sellable = feed.Select(e => e.Event).OfType<SellableChanged>().ToList();
        Assert.Equal(Enumerable.Range(0, 50).Reverse(), sellable.Skip(1).Select(e => e.Sellable));
        Assert.All(sellable, e => Assert.True(e.Sellable >= 0 && e.Reserved + e.Allocated <= e.OnHand + e.PresaleAllowance));
        Assert.Equal(50, feed.Count(e => e.Type == "stock.reserved"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReceiveReminder_HoldsRunOut_ReleasesExpiredKeepsUnexpiredAndConfirmedAcrossRestart(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var now = cluster.Time.GetUtcNow();
        await cluster.Stock("SKU-EXP").ReceiveAsync(new StockReceipt("SZ", 10, Actor));
        await cluster.Stock("SKU-EXP").ReserveAsync(new ReserveStock("short", 2, now.AddMinutes(10), false, Actor));
        await cluster.Stock("SKU-EXP").ReserveAsync(new ReserveStock("long", 3, now.AddMinutes(60), false, Actor));
        await cluster.Stock("SKU-EXP").ReserveAsync(new ReserveStock("paid", 1, now.AddMinutes(10), false, Actor));
        await cluster.Stock("SKU-EXP").ConfirmAsync(new ConfirmStock("paid", Actor));
        var remindersBefore = await cluster.Storage.GetGrainRemindersAsync(StockTestCluster.SkuId("SKU-EXP"), CancellationToken.None);

        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(15));
        var afterFirst = await cluster.Stock("SKU-EXP").GetAsync();
        var remindersAfterFirst = await cluster.Storage.GetGrainRemindersAsync(StockTestCluster.SkuId("SKU-EXP"), CancellationToken.None);
        await cluster.RestartAsync();
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(50));
        var afterRestart = await cluster.Stock("SKU-EXP").GetAsync();
        await cluster.AdvanceTimeAsync(TimeSpan.FromDays(10));

        Assert.Equal(now.AddMinutes(10), Assert.Single(remindersBefore).DueAt);
        Assert.Equal((4, 6), (afterFirst.Reserved, afterFirst.Sellable));
        Assert.Equal(now.AddMinutes(60), Assert.Single(remindersAfterFirst).DueAt);
        Assert.Equal((1, 9), (afterRestart.Reserved, afterRestart.Sellable));
        Assert.Equal(HoldingStatus.Expired, (await cluster.Stock("SKU-EXP").GetHoldingAsync("short")).Status);
        Assert.Equal(HoldingStatus.Expired, (await cluster.Stock("SKU-EXP").GetHoldingAsync("long")).Status);
        Assert.Equal(HoldingStatus.Confirmed, (await cluster.Stock("SKU-EXP").GetHoldingAsync("paid")).Status);
        Assert.Empty(await cluster.Storage.GetGrainRemindersAsync(StockTestCluster.SkuId("SKU-EXP"), CancellationToken.None));
        Assert.Equal(1, (await cluster.Stock("SKU-EXP").GetAsync()).Reserved);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Operations_RepeatedAfterRestart_ChangeNothing(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var expires = cluster.Time.GetUtcNow().AddMinutes(30);
        var stock = cluster.Stock("SKU-IDEM");
        await stock.ReceiveAsync(new StockReceipt("SZ", 20, Actor, ReceiptId: "po-1"));
        await stock.ReserveAsync(new ReserveStock("o-1", 5, expires, false, Actor));
        await stock.ReserveAsync(new ReserveStock("o-2", 3, expires, false, Actor));
        await stock.ReserveAsync(new ReserveStock("o-3", 2, expires, false, Actor));
        await stock.ConfirmAsync(new ConfirmStock("o-1", Actor));
        await stock.AllocateAsync(new AllocateStock("o-1", "SZ", Actor));
        await stock.ShipAsync(new ShipStock("o-1", Actor));
        await stock.ReleaseAsync(new ReleaseStock("o-2", "cancelled", Actor));
        await stock.RestockAsync(new RestockReturn("rt-1", "SZ", 1, Actor));
        var before = await stock.GetAsync();
        var eventsBefore = (await cluster.FeedOfAsync(StockTestCluster.SkuId("SKU-IDEM"))).Count;

        await cluster.RestartAsync();
        stock = cluster.Stock("SKU-IDEM");
        await stock.ReceiveAsync(new StockReceipt("SZ", 20, Actor, ReceiptId: "po-1"));
        var reserve = await stock.ReserveAsync(new ReserveStock("o-3", 2, expires, false, Actor));
        var confirm = await stock.ConfirmAsync(new ConfirmStock("o-1", Actor));
        var allocate = await stock.AllocateAsync(new AllocateStock("o-1", "SZ", Actor));
        var ship = await stock.ShipAsync(new ShipStock("o-1", Actor));
        var release = await stock.ReleaseAsync(new ReleaseStock("o-2", "cancelled", Actor));
        await stock.RestockAsync(new RestockReturn("rt-1", "SZ", 1, Actor));

        Assert.Equal((16, 2, 14), (before.OnHand, before.Reserved, before.Sellable));
        AssertSameView(before, await stock.GetAsync());
        Assert.Equal(eventsBefore, (await cluster.FeedOfAsync(StockTestCluster.SkuId("SKU-IDEM"))).Count);
        Assert.Equal((true, 2, HoldingStatus.Reserved), (reserve.Accepted, reserve.Reserved, reserve.Status));
        Assert.Equal((HoldingStatus.Shipped, 5), (confirm.Status, confirm.Quantity));
        Assert.Equal(HoldingStatus.Shipped, allocate.Status);
        Assert.Equal(HoldingStatus.Shipped, ship.Status);
        Assert.Equal((HoldingStatus.Released, 3), (release.Status, release.Quantity));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task State_ManyEventsThenRestart_ReloadsFromSnapshotWithSameTotals(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var stock = cluster.Stock("SKU-SNAP");
        await stock.ConfigureAsync(new StockSettings(SafetyStock: 2, LowStockThreshold: 5, PresaleAllowance: 10, Actor));
        await stock.ReceiveAsync(new StockReceipt("SZ", 100, Actor));
        await stock.ReceiveAsync(new StockReceipt("BJ", 50, Actor));
        for (var i = 0; i < 60; i++)
        {
            await stock.ReserveAsync(new ReserveStock($"o-{i}", 2, cluster.Time.GetUtcNow().AddMinutes(30 + i), false, Actor));
            if (i % 3 == 0)
            {
                await stock.ConfirmAsync(new ConfirmStock($"o-{i}", Actor));
                await stock.AllocateAsync(new AllocateStock($"o-{i}", i % 2 == 0 ? "SZ" : "BJ", Actor));
            }
            else if (i % 3 == 1)
            {
                await stock.ReleaseAsync(new ReleaseStock($"o-{i}", "cancelled", Actor));
            }
        }

        var before = await stock.GetAsync();
        var ledgerBefore = await stock.GetLedgerAsync();

        await cluster.RestartAsync();
        var after = await cluster.Stock("SKU-SNAP").GetAsync();
        var ledgerAfter = await cluster.Stock("SKU-SNAP").GetLedgerAsync();
        await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(33));

        AssertSameView(before, after);
        Assert.Equal(ledgerBefore.Holdings, ledgerAfter.Holdings);
        Assert.Equal((150, 40, 40, 78), (after.OnHand, after.Reserved, after.Allocated, after.Sellable));
        Assert.Equal(HoldingStatus.Expired, (await cluster.Stock("SKU-SNAP").GetHoldingAsync("o-2")).Status);
        Assert.Equal(HoldingStatus.Reserved, (await cluster.Stock("SKU-SNAP").GetHoldingAsync("o-5")).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reserve_HotSkuWithAThousandHoldings_DefersSnapshotsAndReloadsTheSame(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var stock = cluster.Stock("SKU-HOT");
        await stock.ReceiveAsync(new StockReceipt("SZ", 5000, Actor));
        var due = cluster.Time.GetUtcNow().AddMinutes(30);

        for (var i = 0; i < 1000; i++)
        {
            // One at a time, so no two reservations share an append and the snapshot rule alone decides.
            await stock.ReserveAsync(new ReserveStock($"hot-{i}", 1, due, false, Actor));
        }

        var before = await stock.GetAsync();
        var load = await cluster.Storage.LoadAsync(StockTestCluster.SkuId("SKU-HOT"), CancellationToken.None);
        await cluster.RestartAsync();
        var after = await cluster.Stock("SKU-HOT").GetAsync();

        // Each snapshot of ~1,000 holdings is far larger than 64 events: far fewer than one per 64 events was written,
        // so more events than one interval are replayed, and the replay gives the same state.
        Assert.True(load.Events.Count > 64, $"{load.Events.Count} events after the last snapshot");
        Assert.True(load.Snapshot is not null && load.Snapshot.Data.Length > 64 * 1024, "a large snapshot was written");
        AssertSameView(before, after);
        Assert.Equal((5000, 1000, 4000, 1000), (after.OnHand, after.Reserved, after.Sellable, after.OpenHoldings));
    }

    [Fact]
    public async Task Count_BelowCommitted_FailsWithConflictAndChangesNothing()
    {
        await using var cluster = await StockTestCluster.StartAsync("memory");
        var stock = cluster.Stock("SKU-COUNT");
        await stock.ReceiveAsync(new StockReceipt("SZ", 10, Actor));
        await stock.ReserveAsync(new ReserveStock("o-1", 8, null, false, Actor));

        var error = await Assert.ThrowsAsync<DomainException>(() => stock.CountAsync(new StockCount("SZ", 7, Actor)));

        Assert.Equal(("stock.count_below_committed", DomainErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Equal((10, 8), ((await stock.GetAsync()).OnHand, (await stock.GetAsync()).Reserved));
    }

    [Fact]
    public async Task Reserve_CrossingLowStockThreshold_PutsLowEventOnTheFeed()
    {
        await using var cluster = await StockTestCluster.StartAsync("memory");
        var stock = cluster.Stock("SKU-LOW");
        await stock.ReceiveAsync(new StockReceipt("SZ", 5, Actor));
        await stock.ConfigureAsync(new StockSettings(0, 3, 0, Actor));

        await stock.ReserveAsync(new ReserveStock("o-1", 2, null, false, Actor));
        await stock.ReceiveAsync(new StockReceipt("SZ", 5, Actor));

        var feed = await cluster.FeedOfAsync(StockTestCluster.SkuId("SKU-LOW"));
        var low = Assert.Single(feed.Select(e => e.Event).OfType<StockLow>());
        Assert.Equal((3, 3), (low.Sellable, low.Threshold));
        Assert.Equal(8, Assert.Single(feed.Select(e => e.Event).OfType<StockReplenished>()).Sellable);
        Assert.False((await stock.GetAsync()).IsLow);
    }

    private static void AssertSameView(StockView expected, StockView actual)
    {
        Assert.Equal(expected with { Warehouses = Array.Empty<WarehouseStockView>() }, actual with { Warehouses = Array.Empty<WarehouseStockView>() });
        Assert.Equal(expected.Warehouses, actual.Warehouses);
    }
}
