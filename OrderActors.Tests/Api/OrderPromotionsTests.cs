using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.Api.Channels;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// The "unrecognised promotion combination" check (design §5) could never fire: no entry point filled an order's
/// promotions, and its tags came only from an own-store checkout and were never shown. Checkouts and channel mappings now
/// carry both (a list field's path may use <c>[*]</c>), orders show them, and the check holds an order whose promotions
/// the seller has not listed, or listed but not as a combination.
/// </summary>
public sealed class OrderPromotionsTests
{
    private static readonly object KnownPromotions = new
    {
        promotionUnrecognised = new
        {
            enabled = true,
            knownPromotions = new[] { "满300减30", "店铺优惠券", "SUMMER10", "FREESHIP" },
            allowedCombinations = new[] { new[] { "SUMMER10", "FREESHIP" } },
        },
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Checkout_WithAnUnknownPromotion_IsHeldAndShowsItsPromotionsAndTags(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PROMO-1", 10);
        (await admin.PutAsJsonAsync("/api/rules/exceptions", KnownPromotions)).EnsureSuccessStatusCode();

        var unknown = await admin.PostCheckoutAsync(
            ApiTestHostExtensions.Checkout("PROMO-1", "SKU-PROMO-1") with { Promotions = ["SUMMER10", "STAFF90"], Tags = ["vip"] }, "promo-1");
        var allowed = await admin.PostCheckoutAsync(
            ApiTestHostExtensions.Checkout("PROMO-2", "SKU-PROMO-1", phone: "13812345679") with { Promotions = ["FREESHIP", "summer10"] }, "promo-2");
        var notCombined = await admin.PostCheckoutAsync(
            ApiTestHostExtensions.Checkout("PROMO-3", "SKU-PROMO-1", phone: "13812345670") with { Promotions = ["SUMMER10", "满300减30"] }, "promo-3");

        Assert.Equal(HttpStatusCode.Created, unknown.StatusCode);
        var held = await admin.GetOrderAsync("own-PROMO-1");
        Assert.Equal(["SUMMER10", "STAFF90"], held.Promotions);
        Assert.Equal(["vip"], held.Tags);
        var hold = Assert.Single(held.Holds);
        Assert.Equal(("promotion_unrecognised", "Unknown promotion 'STAFF90'."), (hold.Code, hold.Detail));
        Assert.Empty((await admin.GetOrderAsync("own-PROMO-2")).Holds);
        var combination = Assert.Single((await admin.GetOrderAsync("own-PROMO-3")).Holds);
        Assert.Equal(("promotion_unrecognised", "The combination SUMMER10 + 满300减30 is not allowed."), (combination.Code, combination.Detail));
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, notCombined.StatusCode);
    }

    [Fact]
    public async Task Checkout_WithAPromotionOverTheLimits_Is400NamingTheEntryAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PROMO-2", 10);

        var blank = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("PROMO-BAD-1", "SKU-PROMO-2") with { Promotions = ["SUMMER10", " "] }, "promo-bad-1");
        var tooMany = await admin.PostCheckoutAsync(
            ApiTestHostExtensions.Checkout("PROMO-BAD-2", "SKU-PROMO-2") with { Promotions = [.. Enumerable.Range(0, 21).Select(i => $"P{i}")] }, "promo-bad-2");

        await ProblemAssert.IsAsync(blank, HttpStatusCode.BadRequest, "validation.required", "promotions[1]");
        await ProblemAssert.IsAsync(tooMany, HttpStatusCode.BadRequest, "validation.out_of_range", "promotions");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/orders/own-PROMO-BAD-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/orders/own-PROMO-BAD-2")).StatusCode);
        await admin.AssertStockAsync("SKU-PROMO-2", (10, 0, 0, 10));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MarketplaceOrders_CarryTheirPromotions_AndAnUnknownOneHoldsTheOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PROMO-TB", 10);
        await admin.ReceiveStockAsync("SKU-PROMO-SH", 10);
        (await admin.PutAsJsonAsync("/api/rules/exceptions", KnownPromotions)).EnsureSuccessStatusCode();

        var taobao = await host.PostWebhookAsync("taobao", WithTaobaoPromotions(ChannelPayloads.Taobao(tid: "88001", sku: "SKU-PROMO-TB"), "满300减30", "秒杀价"));
        var shopify = await host.PostWebhookAsync("shopify", WithShopifyDiscounts(ChannelPayloads.Shopify(id: 88002, sku: "SKU-PROMO-SH"), "vip, fragile,vip", "SUMMER10", "FREESHIP"));

        Assert.Equal(HttpStatusCode.OK, taobao.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shopify.StatusCode);
        var fromTaobao = await admin.GetOrderAsync("taobao-88001");
        Assert.Equal(["满300减30", "秒杀价"], fromTaobao.Promotions);
        Assert.Equal(("promotion_unrecognised", "Unknown promotion '秒杀价'."), (Assert.Single(fromTaobao.Holds).Code, Assert.Single(fromTaobao.Holds).Detail));
        var fromShopify = await admin.GetOrderAsync("shopify-88002");
        Assert.Equal(["SUMMER10", "FREESHIP"], fromShopify.Promotions);
        Assert.Equal(["vip", "fragile"], fromShopify.Tags);
        Assert.Empty(fromShopify.Holds);
    }

    /// <summary>With no promotions listed (the default rules) the check holds nothing: every discounted order would wait.</summary>
    [Fact]
    public async Task MarketplaceOrderWithADiscount_NoPromotionsListed_IsNotHeld()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PROMO-NONE", 10);

        await host.PostWebhookAsync("shopify", WithShopifyDiscounts(ChannelPayloads.Shopify(id: 88003, sku: "SKU-PROMO-NONE"), "", "WELCOME5"));

        var order = await admin.GetOrderAsync("shopify-88003");
        Assert.Equal("Paid", order.Status);
        Assert.Equal(["WELCOME5"], order.Promotions);
        Assert.Empty(order.Holds);
        Assert.Empty(order.Tags);
    }

    /// <summary>A marketplace order is never refused over its promotions: past the limits the list is cut, and the order stored.</summary>
    [Fact]
    public async Task MarketplaceOrder_WithMorePromotionsThanAnOrderKeeps_IsStoredWithTheFirstTwenty()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PROMO-MANY", 10);
        var names = Enumerable.Range(1, 25).Select(i => i == 3 ? new string('长', 80) : $"促销{i}").ToArray();

        var response = await host.PostWebhookAsync("taobao", WithTaobaoPromotions(ChannelPayloads.Taobao(tid: "88004", sku: "SKU-PROMO-MANY"), names));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await admin.GetOrderAsync("taobao-88004");
        Assert.Equal(20, order.Promotions.Count);
        Assert.Equal(("促销1", new string('长', 50), "促销20"), (order.Promotions[0], order.Promotions[2], order.Promotions[19]));
    }

    [Fact]
    public async Task Mapping_EveryElementStep_OnlyInAListField()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        var mapping = DefaultChannelMappings.Shopify;
        var badFields = new Dictionary<string, FieldMapping>(mapping.Fields!) { [CanonicalFields.Phone] = new() { Path = "phones[*].number" } };
        var goodFields = new Dictionary<string, FieldMapping>(mapping.Fields!) { [CanonicalFields.Promotions] = new() { Paths = ["discount_applications[*].title", "discount_codes[*].code"] } };

        var bad = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", mapping with { Fields = badFields });
        var good = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", mapping with { Fields = goodFields });

        await ProblemAssert.IsAsync(bad, HttpStatusCode.BadRequest, "channel.mapping_invalid", "fields.phone.path");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var stored = (await admin.GetFromJsonAsync<ChannelMappingDocument>("/api/channels/weidian/mapping"))!;
        Assert.Equal(["discount_applications[*].title", "discount_codes[*].code"], stored.Fields![CanonicalFields.Promotions].Paths);
    }

    [Fact]
    public void ResolveAll_EveryElementStep_TakesEachElementsValueAndSkipsTheMissing()
    {
        using var json = JsonDocument.Parse("""
            {"codes": [{"code": "A"}, {"other": 1}, {"code": null}, {"code": 7}], "list": ["x", "y"], "one": "z", "nested": {"rows": [{"c": ["p", "q"]}]}}
            """);
        var values = new List<JsonElement>();

        JsonPath.ResolveAll(json.RootElement, "codes[*].code", values);
        JsonPath.ResolveAll(json.RootElement, "list", values);
        JsonPath.ResolveAll(json.RootElement, "one", values);
        JsonPath.ResolveAll(json.RootElement, "nested.rows[*].c", values);
        JsonPath.ResolveAll(json.RootElement, "missing[*].code", values);

        Assert.Equal(["A", "7", "x", "y", "z", "p", "q"], values.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()));
        Assert.False(JsonPath.TryResolve(json.RootElement, "codes[*].code", out _));
        Assert.False(JsonPath.IsValid("codes[*].code"));
        Assert.True(JsonPath.IsValid("codes[*].code", allowEvery: true));
        Assert.False(JsonPath.IsValid("a[*].b[*].c", allowEvery: true));
    }

    private static string WithTaobaoPromotions(string payload, params string[] names) =>
        payload.Replace(
            "{\"tid\"",
            $"{{\"promotion_details\": {{\"promotion_detail\": [{string.Join(", ", names.Select(n => $"{{\"promotion_name\": {JsonSerializer.Serialize(n)}, \"discount_fee\": \"5.00\"}}"))}]}}, \"tid\"",
            StringComparison.Ordinal);

    private static string WithShopifyDiscounts(string payload, string tags, params string[] codes) =>
        payload.Replace(
            "{\"id\"",
            $"{{\"tags\": {JsonSerializer.Serialize(tags)}, \"discount_codes\": [{string.Join(", ", codes.Select(c => $"{{\"code\": {JsonSerializer.Serialize(c)}, \"amount\": \"5.00\", \"type\": \"fixed_amount\"}}"))}], \"id\"",
            StringComparison.Ordinal);
}
