using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// Allocation and split plan warehouses from a view of the stock, then allocate SKU by SKU; another order's allocation
/// can take a planned warehouse's last unit in between.
/// </summary>
public sealed class AllocationRaceTests
{
    private const int Rounds = 60;

    /// <summary>
    /// X (SKU-A and SKU-B) plans SZ for both while Y takes SZ's only SKU-B. X's SKU-A used to stay allocated to SZ while
    /// X stayed Paid (a ledger drift, and stock nobody ships). Now X's refusal takes SKU-A's allocation back.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Allocate_AnotherOrderTakesThePlannedWarehouse_TheRefusedOrderKeepsNoAllocation(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var refusedMidway = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // Four SKUs allocated before SKU-B (ordinal order) keep X's window open for Y on every database.
            var firsts = Enumerable.Range(1, 4).Select(n => $"SKU-A{round}-{n}").ToArray();
            var b = $"SKU-B{round}";
            foreach (var a in firsts)
            {
                await admin.ReceiveStockAsync(a, 10, "SZ");
            }

            // Y allocates three SKUs of its own before SKU-B, so it takes SZ's SKU-B after X has read it.
            var ys = Enumerable.Range(1, 3).Select(n => $"SKU-AY{round}-{n}").ToArray();
            foreach (var y in ys)
            {
                await admin.ReceiveStockAsync(y, 10, "SZ");
            }

            await admin.ReceiveStockAsync(b, 1, "SZ");
            await admin.ReceiveStockAsync(b, 1, "GZ");
            await PaidAsync(admin, $"X{round}", [.. firsts.Select(a => new OrderLineInput(a, 1, 10m)), new OrderLineInput(b, 1, 10m)], $"1380000{round:0000}");
            await PaidAsync(admin, $"Y{round}", [.. ys.Select(y => new OrderLineInput(y, 1, 10m)), new OrderLineInput(b, 1, 10m)], $"1381000{round:0000}");

            var answers = await ApiTestHostExtensions.AtOnceAsync(
                () => admin.PostAsJsonAsync($"/api/orders/own-X{round}/allocate", new AllocateRequest()),
                () => admin.PostAsJsonAsync($"/api/orders/own-Y{round}/allocate", new AllocateRequest("SZ")));

            Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
            var x = await admin.GetOrderAsync($"own-X{round}");
            foreach (var a in firsts)
            {
                var stockA = await admin.GetFromJsonAsync<StockDto>($"/api/stock/{a}");
                Assert.Equal(x.Status == "Allocated" ? (1, 0) : (0, 1), (stockA!.Allocated, stockA.Reserved));
            }

            if (answers[0].StatusCode == HttpStatusCode.Conflict
                && (await answers[0].Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString() == "stock.warehouse_insufficient")
            {
                refusedMidway++;
            }
        }

        await admin.AssertLedgerCleanAsync();
        Assert.True(refusedMidway > 0, "the race never refused X after its plan");
    }

    /// <summary>
    /// S (SKU-A… in SZ, SKU-B in WH or XM) splits while Y takes the planned SKU-B warehouse. The split used to fail after
    /// the SZ part was made (the part kept the stock, the parent stayed Paid with every line). Now every part is made and
    /// one whose warehouse ran out is left paid and unallocated.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Split_AnotherOrderTakesAPlannedWarehouse_EveryPartIsMade(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var unallocatedParts = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // The SZ part (three SKUs) is made before the SKU-B part (warehouses after SZ), which keeps the window open.
            var firsts = Enumerable.Range(1, 3).Select(n => $"SKU-A{round}-{n}").ToArray();
            var b = $"SKU-B{round}";
            foreach (var a in firsts)
            {
                await admin.ReceiveStockAsync(a, 10, "SZ");
            }

            // Y allocates three SKUs of its own before SKU-B, so it takes the planned SKU-B warehouse after S has read it.
            var ys = Enumerable.Range(1, 3).Select(n => $"SKU-AY{round}-{n}").ToArray();
            foreach (var y in ys)
            {
                await admin.ReceiveStockAsync(y, 10, "WH");
                await admin.ReceiveStockAsync(y, 10, "XM");
            }

            await admin.ReceiveStockAsync(b, 1, "WH");
            await admin.ReceiveStockAsync(b, 1, "XM");
            await PaidAsync(admin, $"S{round}", [.. firsts.Select(a => new OrderLineInput(a, 1, 10m)), new OrderLineInput(b, 1, 10m)], $"1380000{round:0000}");
            await PaidAsync(admin, $"Y{round}", [.. ys.Select(y => new OrderLineInput(y, 1, 10m)), new OrderLineInput(b, 1, 10m)], $"1381000{round:0000}");

            var answers = await ApiTestHostExtensions.AtOnceAsync(
                () => admin.PostAsJsonAsync($"/api/orders/own-S{round}/split", new ReasonRequest("two warehouses")),
                () => admin.PostAsJsonAsync($"/api/orders/own-Y{round}/allocate", new AllocateRequest(round % 2 == 0 ? "WH" : "XM")));

            Assert.True(answers[0].StatusCode == HttpStatusCode.OK, await answers[0].Content.ReadAsStringAsync());
            var parent = await admin.GetOrderAsync($"own-S{round}");
            Assert.Equal(("Split", 2), (parent.Status, parent.ChildOrderIds.Count));
            var parts = await Task.WhenAll(parent.ChildOrderIds.Select(admin.GetOrderAsync));
            Assert.Equal(4, parts.Sum(p => p.Lines.Sum(l => l.Quantity)));
            unallocatedParts += parts.Count(p => p.Status == "Paid");
        }

        await admin.AssertLedgerCleanAsync();
        Assert.True(unallocatedParts > 0, "the race never took a planned warehouse");
    }

    private static async Task PaidAsync(HttpClient admin, string externalNo, IReadOnlyList<OrderLineInput> lines, string phone)
    {
        var checkout = ApiTestHostExtensions.Checkout(externalNo, phone: phone) with { Lines = lines };
        (await admin.PostAsJsonAsync("/api/orders", checkout)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/orders/own-{externalNo}/payment", new PaymentRequest("pay-" + externalNo, lines.Sum(l => l.Quantity * l.UnitPrice)))).EnsureSuccessStatusCode();
    }
}
