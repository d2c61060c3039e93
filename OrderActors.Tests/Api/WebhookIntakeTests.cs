using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class WebhookIntakeTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShopifyOrdersCreate_CorrectHmac_CreatesOneOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-SH", 10);

        var response = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 1001), deliveryId: "wh-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new WebhookAccepted("shopify-1001", Duplicate: false), await response.Content.ReadFromJsonAsync<WebhookAccepted>());
        var order = await admin.GetOrderAsync("shopify-1001");
        Assert.Equal("Paid", order.Status);
        Assert.Equal([new OrderLineDto("SKU-SH", 1, 25.00m, 25.00m, null)], order.Lines);
        Assert.Single((await admin.ListOrdersAsync("channel=shopify")).Items);

        // Shopify's address has no district: the order is not held for one (it was, every Shopify order).
        Assert.Empty(order.Holds);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShopifyWebhook_TenRedeliveriesAfterLaterUpdate_StillOneUnchangedOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-SH", 10);
        var update = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 2002, financialStatus: "paid"), deliveryId: "wh-update");
        var afterUpdate = await admin.GetOrderAsync("shopify-2002");

        var creates = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            creates.Add(await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 2002, financialStatus: "pending"), deliveryId: "wh-create"));
        }

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.All(creates, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(creates, r => Assert.True(r.Content.ReadFromJsonAsync<WebhookAccepted>().Result!.Duplicate));
        var final = await admin.GetOrderAsync("shopify-2002");
        Assert.Equal("Paid", final.Status);
        Assert.Equal(afterUpdate.Version, final.Version);
        Assert.Single((await admin.ListOrdersAsync("channel=shopify")).Items);
        Assert.Equal(9, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-SH"))!.Sellable);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Webhook_EachOtherChannelPayload_MapsToExpectedCanonicalOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        foreach (var sku in new[] { "SKU-TB", "SKU-JD", "SKU-PDD", "SKU-DY", "SKU-OWN" })
        {
            await admin.ReceiveStockAsync(sku, 10);
        }

        var answers = new[]
        {
            await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao()),
            await host.PostWebhookAsync("jd", ChannelPayloads.Jd()),
            await host.PostWebhookAsync("pdd", ChannelPayloads.Pinduoduo()),
            await host.PostWebhookAsync("douyin", ChannelPayloads.Douyin()),
            await host.PostWebhookAsync("own", ChannelPayloads.Own()),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var taobao = await admin.GetOrderAsync("taobao-3456789012345");
        Assert.Equal(new CustomerDto("张三", "13812345678"), taobao.Customer);
        Assert.Equal(new AddressDto("浙江省", "杭州市", "西湖区", "文三路 100 号"), taobao.Address);
        Assert.Equal([new OrderLineDto("SKU-TB", 2, 99.50m, 199.00m, null)], taobao.Lines);
        Assert.Equal("Paid", taobao.Status);
        var jd = await admin.GetOrderAsync("jd-287654321");
        Assert.Equal(new CustomerDto("李四", "13900001111"), jd.Customer);
        Assert.Equal(new AddressDto("北京", "北京市", "朝阳区", "北京朝阳区建国路 1 号"), jd.Address);
        Assert.Equal([new OrderLineDto("SKU-JD", 1, 59.90m, 59.90m, null)], jd.Lines);
        var pdd = await admin.GetOrderAsync("pdd-231121-123456789");
        Assert.Equal(new CustomerDto("王五", "13700002222"), pdd.Customer);
        Assert.Equal(new AddressDto("广东省", "深圳市", "南山区", "科技园 8 栋"), pdd.Address);
        Assert.Equal([new OrderLineDto("SKU-PDD", 3, 10.0m, 30.0m, null)], pdd.Lines);
        var douyin = await admin.GetOrderAsync("douyin-4987654321");
        Assert.Equal(new CustomerDto("赵六", "13600003333"), douyin.Customer);
        Assert.Equal(new AddressDto("四川省", "成都市", "武侯区", "天府大道 99 号"), douyin.Address);
        Assert.Equal([new OrderLineDto("SKU-DY", 1, 129.90m, 129.90m, null)], douyin.Lines);
        Assert.Equal(129.90m, douyin.PaidAmount);
        var own = await admin.GetOrderAsync("own-W-1001");
        Assert.Equal(new AddressDto("江苏省", "南京市", "玄武区", "中山路 1 号"), own.Address);
        Assert.Equal([new OrderLineDto("SKU-OWN", 1, 9.9m, 9.9m, null)], own.Lines);
    }

    [Fact]
    public async Task TaobaoWebhook_PaidOrder_RecordsPlatformPayTimeAndReceiveTimeAsPlaced()
    {
        var received = new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);
        await using var host = await ApiTestHost.StartAsync("sqlite", clock: new ManualTimeProvider(received));
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-TB", 5);

        var response = await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao(tid: "PT-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await admin.GetOrderAsync("taobao-PT-1");
        Assert.Equal("Paid", order.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.FromHours(8)), order.PaidAt);
        Assert.Equal(received, order.PlacedAt);

        // In UTC like every other time in the answer, not in the platform's +08:00 beside them.
        var json = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/api/orders/taobao-PT-1")).RootElement;
        Assert.Equal("2026-11-21T02:15:00+00:00", json.GetProperty("paidAt").GetString());
    }

    [Fact]
    public async Task TaobaoWebhook_PaidHoursBeforeItArrives_UpdatedAtIsNotBeforePlacedAtAndNoRedAlert()
    {
        var received = new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(received);
        await using var host = await ApiTestHost.StartAsync("sqlite", clock: clock);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-TB", 5);
        (await admin.PutAsJsonAsync("/api/rules/sla", new { enabled = true, review = "00:30:00", payment = "01:00:00", allocation = "30.00:00:00", packing = "04:00:00", shipping = "04:00:00", untouched = "20:00:00" })).EnsureSuccessStatusCode();

        var response = await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao(tid: "PT-2"));
        clock.Advance(TimeSpan.FromHours(1));
        await host.Services.GetRequiredService<ReminderService>().DeliverDueRemindersAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await admin.GetOrderAsync("taobao-PT-2");
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.FromHours(8)), order.PaidAt);
        Assert.Equal(received, order.UpdatedAt);
        Assert.False(order.Sla.RedAlert);
    }

    [Fact]
    public async Task Webhook_NegativeQuantity_Is400NamingFieldAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao(num: -2));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/channel.payload_invalid", problem!.Type);
        Assert.Equal(["lines[0].quantity"], problem.Errors.Keys);
        await WebhookSecurityTests.AssertNothingStoredAsync(host);
    }

    [Fact]
    public async Task Webhook_SignedMalformedJson_Is400AndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.PostWebhookAsync("jd", "{\"orderId\": \"1\", \"itemInfoList\": [");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/request.malformed_json", problem!.Type);
        await WebhookSecurityTests.AssertNothingStoredAsync(host);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShopifyCancelled_AfterCreate_CancelsOnceAndStaleCreateChangesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-SH", 10);
        await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 3003, financialStatus: "pending"), deliveryId: "c-create");

        var cancel = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 3003, financialStatus: "voided", cancelledAt: "2026-11-21T10:00:00+08:00"), deliveryId: "c-cancel");
        var afterCancel = await admin.GetOrderAsync("shopify-3003");
        var staleCreate = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 3003, financialStatus: "paid"), deliveryId: "c-late-update");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("Cancelled", afterCancel.Status);
        Assert.True((await staleCreate.Content.ReadFromJsonAsync<WebhookAccepted>())!.Duplicate);
        Assert.Equal(afterCancel.Version, (await admin.GetOrderAsync("shopify-3003")).Version);
        Assert.Equal(10, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-SH"))!.Sellable);
    }
}
