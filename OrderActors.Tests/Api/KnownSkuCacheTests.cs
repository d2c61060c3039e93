using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class KnownSkuCacheTests
{
    [Fact]
    public void Add_SameSkuTwice_RemembersItOnce()
    {
        var cache = new KnownSkuCache();

        var first = cache.Add("SKU-1");
        var second = cache.Add("SKU-1");

        Assert.True(first);
        Assert.False(second);
        Assert.True(cache.Contains("SKU-1"));
        Assert.False(cache.Contains("sku-1"));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Add_PastCapacity_RemembersNoMore()
    {
        var cache = new KnownSkuCache();
        for (var i = 0; i < KnownSkuCache.Capacity; i++)
        {
            cache.Add($"SKU-{i}");
        }

        var added = cache.Add("SKU-LAST");

        Assert.False(added);
        Assert.False(cache.Contains("SKU-LAST"));
        Assert.Equal(KnownSkuCache.Capacity, cache.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_PresaleOnlySkuAfterAllowanceWithdrawn_IsUnknownAgain(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await ConfigurePresaleAsync(admin, "SKU-P", 5);
        var presold = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-P1", sku: "SKU-P"));
        (await admin.PostAsJsonAsync("/api/orders/own-W-P1/cancel", new ReasonRequest("changed mind"))).EnsureSuccessStatusCode();
        await ConfigurePresaleAsync(admin, "SKU-P", 0);

        var response = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-P2", sku: "SKU-P"));

        Assert.Equal(HttpStatusCode.Created, presold.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal("https://orderactors.dev/problems/order.unknown_sku", problem.Type);
        Assert.Contains("lines[0].sku", problem.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_SkuCountedToZeroAfterAnOrder_IsStillKnownAndRefusedAsShort(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 1);
        var first = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-Z1"));
        (await admin.PostAsJsonAsync("/api/orders/own-W-Z1/cancel", new ReasonRequest("changed mind"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/stock/SKU-1/counts", new StockCountRequest("SZ", 0))).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-Z2"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!;
        Assert.Equal("https://orderactors.dev/problems/stock.insufficient", problem.Type);
    }

    private static async Task ConfigurePresaleAsync(HttpClient admin, string sku, int allowance)
    {
        var response = await admin.PutAsJsonAsync($"/api/stock/{sku}/settings", new StockSettingsRequest(0, 0, allowance));
        response.EnsureSuccessStatusCode();
    }
}
