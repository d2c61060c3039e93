using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class ExceptionsListTests
{
    /// <summary>A cancelled order keeps its hold in its history, but it is no longer work to do.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Exceptions_OrderCancelledWithItsHoldOpen_IsNoLongerListed(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("EXC-OPEN", phone: "1391234567"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("EXC-GONE", phone: "1391234568"))).EnsureSuccessStatusCode();
        var before = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions"))!;

        (await admin.PostAsJsonAsync("/api/orders/own-EXC-GONE/cancel", new ReasonRequest("buyer changed their mind"))).EnsureSuccessStatusCode();
        var after = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions"))!;
        var byCode = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions?code=phone_invalid"))!;
        var cancelled = await admin.GetOrderAsync("own-EXC-GONE");

        Assert.Equal(["own-EXC-GONE", "own-EXC-OPEN"], before.Items.Select(i => i.Id).Order());
        Assert.Equal(["own-EXC-OPEN"], after.Items.Select(i => i.Id));
        Assert.Equal(["own-EXC-OPEN"], byCode.Items.Select(i => i.Id));
        Assert.Equal("Cancelled", cancelled.Status);
        Assert.Contains(cancelled.Holds, h => h.Code == "phone_invalid");
    }
}
