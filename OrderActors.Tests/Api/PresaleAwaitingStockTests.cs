using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;
using OrderActors.Tests.Runtime;

namespace OrderActors.Tests.Api;

/// <summary>
/// A paid presale order whose goods are not here yet waits quietly: held <c>awaiting_presale_stock</c>, no SLA running,
/// and released by itself, oldest first, when received stock covers it.
/// </summary>
public sealed class PresaleAwaitingStockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PaidPresaleOrders_WaitHeldWithoutSlaUntilReceiptsCoverThem_OldestFirst(string provider)
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = await ApiTestHost.StartAsync(provider, clock);
        var admin = host.Admin();
        await PresaleOnlyAsync(admin, "SKU-PS", 5);
        (await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao(tid: "7001", sku: "SKU-PS", num: 2))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(1));
        (await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao(tid: "7002", sku: "SKU-PS", num: 2))).EnsureSuccessStatusCode();

        var first = await admin.GetOrderAsync("taobao-7001");
        Assert.Equal(("Paid", true, null), (first.Status, first.Presale, first.Sla.Stage));
        var hold = Assert.Single(first.Holds);
        Assert.Equal(HoldCodes.AwaitingPresaleStock, hold.Code);
        Assert.Contains("SKU-PS: 2 of 2", hold.Detail, StringComparison.Ordinal);
        var exceptions = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions?code=awaiting_presale_stock"))!;
        Assert.Equal(["taobao-7001", "taobao-7002"], exceptions.Items.Select(o => o.Id).Order(StringComparer.Ordinal));

        // Trying to allocate says what it waits for and changes nothing.
        var refused = await admin.PostAsJsonAsync("/api/orders/taobao-7001/allocate", new AllocateRequest());
        await ProblemAssert.IsAsync(refused, HttpStatusCode.Conflict, OrderErrors.AwaitingPresaleStock, null);
        Assert.Equal(first.Version, (await admin.GetOrderAsync("taobao-7001")).Version);

        // Hours past every SLA limit (review 30 min, allocation 2 h): nothing breaches while it waits for goods.
        await PassAsync(host, clock, TimeSpan.FromHours(3));
        await PassAsync(host, clock, TimeSpan.FromHours(50));
        foreach (var id in new[] { "taobao-7001", "taobao-7002" })
        {
            var waiting = await admin.GetOrderAsync(id);
            Assert.Equal((0, false, false, null), (waiting.Sla.Breaches, waiting.Sla.Overdue, waiting.Sla.RedAlert, waiting.Sla.Stage));
            Assert.DoesNotContain(await HistoryAsync(admin, id), h => h.Type == "order.sla_breached");
        }

        // Two units come in: the oldest order (2 units) is covered and released, the other still waits.
        var receipt = new StockReceiptRequest("SZ", 2, "PO-1");
        (await admin.PostAsJsonAsync("/api/stock/SKU-PS/receipts", receipt)).EnsureSuccessStatusCode();
        await WaitTellingDoneAsync(host, clock, "SKU-PS");
        var released = await admin.GetOrderAsync("taobao-7001");
        Assert.Equal(("Paid", "allocation"), (released.Status, released.Sla.Stage));
        Assert.Empty(released.Holds);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromHours(2), released.Sla.DueAt);
        Assert.Equal(HoldCodes.AwaitingPresaleStock, Assert.Single((await admin.GetOrderAsync("taobao-7002")).Holds).Code);

        // The receipt sent again changes nothing, and neither does telling again.
        var retried = await admin.PostAsJsonAsync("/api/stock/SKU-PS/receipts", receipt);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await PassAsync(host, clock, TimeSpan.FromMinutes(2));
        await admin.AssertStockAsync("SKU-PS", (2, 4, 0, 3));
        Assert.Single((await admin.GetOrderAsync("taobao-7002")).Holds);
        Assert.Equal(released.Version, (await admin.GetOrderAsync("taobao-7001")).Version);

        (await admin.PostAsJsonAsync("/api/orders/taobao-7001/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        await admin.AssertStockAsync("SKU-PS", (2, 2, 2, 3));

        (await admin.PostAsJsonAsync("/api/stock/SKU-PS/receipts", new StockReceiptRequest("SZ", 2, "PO-2"))).EnsureSuccessStatusCode();
        await WaitTellingDoneAsync(host, clock, "SKU-PS");
        Assert.Empty((await admin.GetOrderAsync("taobao-7002")).Holds);
        (await admin.PostAsJsonAsync("/api/orders/taobao-7002/allocate", new AllocateRequest())).EnsureSuccessStatusCode();

        Assert.Equal(("Allocated", "Allocated"), ((await admin.GetOrderAsync("taobao-7001")).Status, (await admin.GetOrderAsync("taobao-7002")).Status));
        await admin.AssertStockAsync("SKU-PS", (4, 0, 4, 5));
        await admin.AssertLedgerCleanAsync();
        foreach (var id in new[] { "taobao-7001", "taobao-7002" })
        {
            Assert.Equal(0, (await admin.GetOrderAsync(id)).Sla.Breaches);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OwnStorePresale_PaidBeforeOrAfterTheGoodsCame_WaitsOnlyIfTheyAreNotHere(string provider)
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = await ApiTestHost.StartAsync(provider, clock);
        var admin = host.Admin();
        await PresaleOnlyAsync(admin, "SKU-1", 3);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("OP-1"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("OP-2"))).EnsureSuccessStatusCode();

        var early = await admin.PostAsJsonAsync("/api/orders/own-OP-1/payment", new PaymentRequest("pay-op-1", 20m));
        (await admin.PostAsJsonAsync("/api/stock/SKU-1/receipts", new StockReceiptRequest("SZ", 2, "PO-OP"))).EnsureSuccessStatusCode();
        await WaitTellingDoneAsync(host, clock, "SKU-1");
        var late = await admin.PostAsJsonAsync("/api/orders/own-OP-2/payment", new PaymentRequest("pay-op-2", 20m));

        var waited = (await early.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal((true, HoldCodes.AwaitingPresaleStock, null), (waited.Presale, Assert.Single(waited.Holds).Code, waited.Sla.Stage));
        Assert.Empty((await admin.GetOrderAsync("own-OP-1")).Holds);
        var paidLate = (await late.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal((true, "allocation"), (paidLate.Presale, paidLate.Sla.Stage));
        Assert.Empty(paidLate.Holds);
        (await admin.PostAsJsonAsync("/api/orders/own-OP-1/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-OP-2/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        await admin.AssertStockAsync("SKU-1", (2, 0, 2, 3));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Receipt_SiloStopsBeforeTheOrderIsTold_TheRestartedSiloTellsIt(string provider)
    {
        var clock = new ManualTimeProvider(Start);
        var storage = await TestDatabases.CreateAsync(provider, "presale");
        var host = new ApiTestHost(storage, clock, services: s => s.AddSingleton<IReminderTable>(
            sp => new UndeliveredReminders((IReminderTable)sp.GetRequiredService<IStorageProvider>(), SkuStockGrain.PresaleReminder)));
        var admin = host.Admin();
        await PresaleOnlyAsync(admin, "SKU-PC", 2);
        (await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao(tid: "7101", sku: "SKU-PC", num: 2))).EnsureSuccessStatusCode();

        // The receipt commits the SKU's reminder to tell the order in the same transaction; the silo stops before delivering it.
        (await admin.PostAsJsonAsync("/api/stock/SKU-PC/receipts", new StockReceiptRequest("SZ", 2, "PO-PC"))).EnsureSuccessStatusCode();
        await PassAsync(host, clock, TimeSpan.Zero);
        var held = await admin.GetOrderAsync("taobao-7101");
        await host.DisposeAsync();

        await using var restarted = new ApiTestHost(storage, clock);
        var again = restarted.Admin();
        await WaitTellingDoneAsync(restarted, clock, "SKU-PC");

        var order = await again.GetOrderAsync("taobao-7101");
        Assert.Equal(HoldCodes.AwaitingPresaleStock, Assert.Single(held.Holds).Code);
        Assert.Equal(("Paid", "allocation"), (order.Status, order.Sla.Stage));
        Assert.Empty(order.Holds);
        (await again.PostAsJsonAsync("/api/orders/taobao-7101/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        await again.AssertStockAsync("SKU-PC", (2, 0, 2, 2));
        await again.AssertLedgerCleanAsync();
    }

    /// <summary>A SKU with nothing on hand that may sell <paramref name="allowance"/> units on presale.</summary>
    private static async Task PresaleOnlyAsync(HttpClient admin, string sku, int allowance) =>
        (await admin.PutAsJsonAsync($"/api/stock/{sku}/settings", new StockSettingsRequest(0, 0, allowance))).EnsureSuccessStatusCode();

    private static async Task<List<OrderHistoryDto>> HistoryAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<List<OrderHistoryDto>>($"/api/orders/{id}/history"))!;

    /// <summary>Moves the clock and delivers the reminders then due.</summary>
    private static async Task PassAsync(ApiTestHost host, ManualTimeProvider clock, TimeSpan delta)
    {
        clock.Advance(delta);
        await host.Services.GetRequiredService<ReminderService>().DeliverDueRemindersAsync(CancellationToken.None);
    }

    /// <summary>Delivers due reminders until the SKU's presale reminder is gone (the silo's own poller may be delivering it).</summary>
    private static Task WaitTellingDoneAsync(ApiTestHost host, ManualTimeProvider clock, string sku) =>
        Eventually.WaitUntilAsync(
            async () =>
            {
                await PassAsync(host, clock, TimeSpan.Zero);
                var reminder = await host.Services.GetRequiredService<IReminderTable>()
                    .GetReminderAsync(new GrainId(SkuStockGrain.GrainTypeName, sku), SkuStockGrain.PresaleReminder, CancellationToken.None);
                return reminder is null;
            },
            $"{sku}'s presale reminder delivered");
}
