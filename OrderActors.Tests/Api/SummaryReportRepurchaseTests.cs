using System.Globalization;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// The repurchase rate is the share of buyers who bought more than once in the period. It counted every order placed,
/// so a buyer who opened checkout three times and paid once was a repeat buyer.
/// </summary>
public sealed class SummaryReportRepurchaseTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Summary_UnpaidAndCancelledOrders_AreNotPurchasesForTheRepurchaseRate(string provider)
    {
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync(provider, "api"), new ManualTimeProvider(Start));
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 20);
        // 13800000001 pays once, leaves one unpaid and cancels one; 13800000002 pays twice.
        await PlaceAsync(admin, "R-1", "13800000001", pay: true);
        await PlaceAsync(admin, "R-2", "13800000001", pay: false);
        await PlaceAsync(admin, "R-3", "13800000001", pay: false);
        (await admin.PostAsJsonAsync("/api/orders/own-R-3/cancel", new ReasonRequest("changed mind"))).EnsureSuccessStatusCode();
        await PlaceAsync(admin, "R-4", "13800000002", pay: true);
        await PlaceAsync(admin, "R-5", "13800000002", pay: true);

        var summary = (await admin.GetFromJsonAsync<SummaryReportDto>(
            $"/api/reports/summary?from={Uri.EscapeDataString(Start.AddHours(-1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(Start.AddHours(1).ToString("O", CultureInfo.InvariantCulture))}"))!;

        Assert.Equal(5, summary.Orders);
        Assert.Equal(new Dictionary<string, int> { ["Paid"] = 3, ["PendingPayment"] = 1, ["Cancelled"] = 1 }, summary.ByChannelAndStatus["own"]);
        Assert.Equal(0.5d, summary.RepurchaseRate);
    }

    private static async Task PlaceAsync(HttpClient admin, string number, string phone, bool pay)
    {
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout(number, phone: phone))).EnsureSuccessStatusCode();
        if (pay)
        {
            (await admin.PostAsJsonAsync($"/api/orders/own-{number}/payment", new PaymentRequest("pay-" + number, 20m))).EnsureSuccessStatusCode();
        }
    }
}
