using System.Text.Json;
using OrderActors.Api.Channels;
using OrderActors.Api.Errors;

namespace OrderActors.Tests.Api;

public sealed class ChannelMappingEngineTests
{
    [Fact]
    public void Map_TaobaoTrade_ProducesCanonicalOrder()
    {
        var payload = Parse(ChannelPayloads.Taobao());

        var order = ChannelMappingEngine.Map("taobao", payload, DefaultChannelMappings.Taobao);

        Assert.Equal("taobao-3456789012345", order.OrderId);
        Assert.Equal("张三", order.CustomerName);
        Assert.Equal("13812345678", order.Phone);
        Assert.Equal(("浙江省", "杭州市", "西湖区", "文三路 100 号"), (order.Province, order.City, order.District, order.AddressDetail));
        Assert.Equal(199.00m, order.PaidAmount);
        Assert.True(order.Paid);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.FromHours(8)), order.PaidAt);
        Assert.Equal("请尽快发货", order.BuyerNote);
        Assert.Equal([new MappedLine("SKU-TB", 2, 99.50m)], order.Lines);
    }

    [Fact]
    public void Map_JdOrder_ProducesCanonicalOrder()
    {
        var payload = Parse(ChannelPayloads.Jd());

        var order = ChannelMappingEngine.Map("jd", payload, DefaultChannelMappings.Jd);

        Assert.Equal("jd-287654321", order.OrderId);
        Assert.Equal(("李四", "13900001111"), (order.CustomerName, order.Phone));
        Assert.Equal(("北京", "北京市", "朝阳区", "北京朝阳区建国路 1 号"), (order.Province, order.City, order.District, order.AddressDetail));
        Assert.True(order.Paid);
        Assert.Equal(59.90m, order.PaidAmount);
        Assert.Equal([new MappedLine("SKU-JD", 1, 59.90m)], order.Lines);
    }

    [Fact]
    public void Map_PinduoduoOrder_ProducesCanonicalOrder()
    {
        var payload = Parse(ChannelPayloads.Pinduoduo());

        var order = ChannelMappingEngine.Map("pdd", payload, DefaultChannelMappings.Pinduoduo);

        Assert.Equal("pdd-231121-123456789", order.OrderId);
        Assert.Equal(("王五", "13700002222"), (order.CustomerName, order.Phone));
        Assert.Equal(("广东省", "深圳市", "南山区", "科技园 8 栋"), (order.Province, order.City, order.District, order.AddressDetail));
        Assert.Equal(30.0m, order.PaidAmount);
        Assert.Equal([new MappedLine("SKU-PDD", 3, 10.0m)], order.Lines);
    }

    [Fact]
    public void Map_DouyinOrderInFen_ConvertsAmountsToYuan()
    {
        var payload = Parse(ChannelPayloads.Douyin());

        var order = ChannelMappingEngine.Map("douyin", payload, DefaultChannelMappings.Douyin);

        Assert.Equal("douyin-4987654321", order.OrderId);
        Assert.Equal(("赵六", "13600003333"), (order.CustomerName, order.Phone));
        Assert.Equal(("四川省", "成都市", "武侯区", "天府大道 99 号"), (order.Province, order.City, order.District, order.AddressDetail));
        Assert.Equal(129.90m, order.PaidAmount);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763700000), order.PaidAt);
        Assert.Equal([new MappedLine("SKU-DY", 1, 129.90m)], order.Lines);
    }

    [Fact]
    public void Map_ShopifyOrder_JoinsAddressLinesAndNormalizesPhone()
    {
        var payload = Parse(ChannelPayloads.Shopify());

        var order = ChannelMappingEngine.Map("shopify", payload, DefaultChannelMappings.Shopify);

        Assert.Equal("shopify-820982911946154508", order.OrderId);
        Assert.Equal(("Chen Qi", "+8613500004444"), (order.CustomerName, order.Phone));
        Assert.Equal("1 Century Ave Floor 2", order.AddressDetail);
        Assert.True(order.Paid);
        Assert.Equal([new MappedLine("SKU-SH", 1, 25.00m)], order.Lines);
    }

    [Fact]
    public void Map_ShopifyPendingPayment_IsNotPaid()
    {
        var payload = Parse(ChannelPayloads.Shopify(financialStatus: "pending"));

        var order = ChannelMappingEngine.Map("shopify", payload, DefaultChannelMappings.Shopify);

        Assert.False(order.Paid);
    }

    [Fact]
    public void Map_OwnStorefrontOrder_ProducesCanonicalOrder()
    {
        var payload = Parse(ChannelPayloads.Own());

        var order = ChannelMappingEngine.Map("own", payload, DefaultChannelMappings.Own);

        Assert.Equal("own-W-1001", order.OrderId);
        Assert.Equal(("江苏省", "南京市", "玄武区", "中山路 1 号"), (order.Province, order.City, order.District, order.AddressDetail));
        Assert.Equal([new MappedLine("SKU-OWN", 1, 9.9m)], order.Lines);
    }

    [Fact]
    public void Map_NegativeQuantityAndMissingPhone_NamesBothFields()
    {
        var payload = Parse("""{"tid": "1", "orders": [{"outer_sku_id": "A", "num": -1}]}""");

        var error = Assert.Throws<RequestValidationException>(() => ChannelMappingEngine.Map("taobao", payload, DefaultChannelMappings.Taobao));

        Assert.Equal("channel.payload_invalid", error.Code);
        Assert.Contains("lines[0].quantity", error.Errors.Keys);
        Assert.Contains("phone", error.Errors.Keys);
    }

    [Fact]
    public void Map_NoLines_IsRejected()
    {
        var payload = Parse("""{"tid": "1", "receiver_mobile": "13812345678", "orders": []}""");

        var error = Assert.Throws<RequestValidationException>(() => ChannelMappingEngine.Map("taobao", payload, DefaultChannelMappings.Taobao));

        Assert.Equal(["lines"], error.Errors.Keys);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
