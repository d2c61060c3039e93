using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// Webhooks read channel mappings through a short-lived cache: a replacement on the same silo applies to the next
/// webhook, one on another silo (a second host on the same database) once the cached copy is a minute old.
/// </summary>
public sealed class ChannelMappingCacheTests
{
    private static readonly Dictionary<string, string?> WeidianSecret = new() { ["OrderActors:Channels:weidian:Secret"] = ApiTestHost.ChannelSecret };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Webhook_MappingReplacedOnThisSilo_NextWebhookUsesTheNewMapping(string provider)
    {
        await using var silo = await ApiTestHost.StartAsync(provider, settings: WeidianSecret);
        var admin = silo.Admin();
        await admin.ReceiveStockAsync("SKU-WD", 10);
        await admin.PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create(namePath: "buyer.nick"));
        var first = await silo.PostWebhookAsync("weidian", Payload("WD1"));

        var put = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create(namePath: "buyer.real"));
        var second = await silo.PostWebhookAsync("weidian", Payload("WD2"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("小明", (await admin.GetOrderAsync("weidian-WD1")).Customer.Name);
        Assert.Equal("王小明", (await admin.GetOrderAsync("weidian-WD2")).Customer.Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Webhook_MappingReplacedOnAnotherSilo_AppliesHereOnceTheCachedCopyIsAMinuteOld(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        var storage = await TestDatabases.CreateAsync(provider, "mappingcache");
        await using var silo = new ApiTestHost(storage, clock, WeidianSecret);
        await using var otherSilo = new ApiTestHost(storage, clock, WeidianSecret);
        var admin = silo.Admin();
        await admin.ReceiveStockAsync("SKU-WD", 10);
        await admin.PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create(namePath: "buyer.nick"));
        await silo.PostWebhookAsync("weidian", Payload("WD1"));

        var put = await otherSilo.Admin().PutAsJsonAsync("/api/channels/weidian/mapping", WeidianMapping.Create(namePath: "buyer.real"));
        await silo.PostWebhookAsync("weidian", Payload("WD2"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await silo.PostWebhookAsync("weidian", Payload("WD3"));
        var apiView = await admin.GetFromJsonAsync<ChannelMappingDocument>("/api/channels/weidian/mapping");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("小明", (await admin.GetOrderAsync("weidian-WD1")).Customer.Name);
        Assert.Equal("小明", (await admin.GetOrderAsync("weidian-WD2")).Customer.Name);
        Assert.Equal("王小明", (await admin.GetOrderAsync("weidian-WD3")).Customer.Name);
        Assert.Equal(("buyer.real", 2), (apiView!.Fields!["customerName"].Path, apiView.Version));
    }

    private static string Payload(string orderNo) =>
        $$$"""{"order": {"no": "{{{orderNo}}}", "state": "PAID", "cents": 1500, "items": [{"code": "SKU-WD", "n": 1, "cents": 1500}]}, "buyer": {"nick": "小明", "real": "王小明", "tel": "13811112222", "prov": "湖北省", "city": "武汉市", "area": "洪山区", "addr": "珞喻路 1 号"}}""";
}
