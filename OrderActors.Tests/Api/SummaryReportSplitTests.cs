using System.Globalization;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A split is one customer order shipped in parts. The summary counted the parent and each part as orders (a buyer
/// with one split order was a repeat buyer), and a part placed at the split in a later period counted there again.
/// </summary>
public sealed class SummaryReportSplitTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Summary_SplitOrderShippedInTwoParts_CountsOneOrderByItsPlacedTime(string provider)
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync(provider, "api"), clock);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-A", 5, warehouse: "SZ");
        await admin.ReceiveStockAsync("SKU-B", 5, warehouse: "GZ");
        var checkout = ApiTestHostExtensions.Checkout("S-1") with { Lines = [new OrderLineInput("SKU-A", 1, 10m), new OrderLineInput("SKU-B", 1, 20m)] };
        (await admin.PostAsJsonAsync("/api/orders", checkout)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-S-1/payment", new PaymentRequest("pay-S-1", 30m))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(1));
        (await admin.PostAsJsonAsync("/api/orders/own-S-1/split", new ReasonRequest("two warehouses"))).EnsureSuccessStatusCode();
        var parts = (await admin.GetOrderAsync("own-S-1")).ChildOrderIds;
        await ShipAsync(admin, parts[0]);
        var sales = await host.WithRolesAsync(ApiRoles.Sales);

        var halfShipped = await SummaryAsync(sales, Start.AddMinutes(-30), Start.AddMinutes(30));
        clock.Advance(TimeSpan.FromHours(2));
        await ShipAsync(admin, parts[1]);
        var shipped = await SummaryAsync(sales, Start.AddMinutes(-30), Start.AddMinutes(30));
        var periodOfTheSplit = await SummaryAsync(sales, Start.AddMinutes(30), Start.AddHours(4));
        var both = await SummaryAsync(sales, Start.AddMinutes(-30), Start.AddHours(4));

        Assert.Equal(2, parts.Count);
        Assert.Equal(1, halfShipped.Orders);
        Assert.Equal(new Dictionary<string, int> { ["Allocated"] = 1 }, halfShipped.ByChannelAndStatus["own"]);
        Assert.Null(halfShipped.FulfilmentHoursP50);
        Assert.Equal(0d, halfShipped.RepurchaseRate);
        Assert.Equal(1, shipped.Orders);
        Assert.Equal(new Dictionary<string, int> { ["Shipped"] = 1 }, shipped.ByChannelAndStatus["own"]);
        // Paid at 10:00, its last part shipped at 13:00 (the parts alone were 0 and 2 hours from the split).
        Assert.Equal(3d, shipped.FulfilmentHoursP50);
        Assert.Equal(0, periodOfTheSplit.Orders);
        Assert.Empty(periodOfTheSplit.ByChannelAndStatus);
        // The parent and both parts in one period: one order, and its buyer is not a repeat buyer.
        Assert.Equal((1, 0d), (both.Orders, both.RepurchaseRate));
        Assert.Equal(new Dictionary<string, int> { ["Shipped"] = 1 }, both.ByChannelAndStatus["own"]);
    }

    private static async Task ShipAsync(HttpClient admin, string orderId)
    {
        (await admin.PostAsync($"/api/orders/{orderId}/pack", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/orders/{orderId}/ship", new ShipRequest("SF", "SF" + orderId))).EnsureSuccessStatusCode();
    }

    private static async Task<SummaryReportDto> SummaryAsync(HttpClient client, DateTimeOffset from, DateTimeOffset to) =>
        (await client.GetFromJsonAsync<SummaryReportDto>(
            $"/api/reports/summary?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}"))!;
}
