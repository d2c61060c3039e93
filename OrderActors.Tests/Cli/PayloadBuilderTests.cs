using System.Text.Json;
using OrderActors.Api.Channels;
using OrderActors.Cli.Import;

namespace OrderActors.Tests.Cli;

/// <summary>A CSV order becomes the channel's webhook payload; the service's own mapping engine must read back what the CSV said.</summary>
public sealed class PayloadBuilderTests
{
    [Fact]
    public void Build_ATaobaoExportOrder_MapsBackThroughTheTaobaoMappingToTheCsvValues()
    {
        var file = CsvFile.Read(TaobaoCsv.Write([TaobaoCsv.Row("3301", "SKU-A", "2", price: "30.00", paid: "80.00", note: "请尽快发货"), TaobaoCsv.Row("3301", "SKU-B", "1", price: "20.00", paid: "80.00", note: "请尽快发货")]), HeaderMap.Taobao);
        var order = Assert.Single(ImportPlan.From(file.Rows).Orders);

        var payload = new PayloadBuilder(DefaultChannelMappings.Taobao).Build(order);
        using var json = JsonDocument.Parse(payload.ToJsonString());
        var mapped = ChannelMappingEngine.Map("taobao", json.RootElement, DefaultChannelMappings.Taobao);

        Assert.Equal("3301", json.RootElement.GetProperty("tid").GetString());
        Assert.Equal("taobao-3301", mapped.OrderId);
        Assert.Equal("张三", mapped.CustomerName);
        Assert.Equal("13800138000", mapped.Phone);
        Assert.Equal(("浙江省", "杭州市", "西湖区", "文三路 100号"), (mapped.Province, mapped.City, mapped.District, mapped.AddressDetail));
        Assert.Equal(80.00m, mapped.PaidAmount);
        Assert.True(mapped.Paid);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)), mapped.PaidAt);
        Assert.Equal("请尽快发货", mapped.BuyerNote);
        Assert.Equal([("SKU-A", 2, (decimal?)30.00m), ("SKU-B", 1, 20.00m)], mapped.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice)));
    }

    [Fact]
    public void Build_AnUnpaidRow_LeavesTheOrderUnpaid()
    {
        var file = CsvFile.Read(TaobaoCsv.Write([TaobaoCsv.Row("3302", "SKU-A", "1", paidAt: "")]), HeaderMap.Taobao);
        var order = Assert.Single(ImportPlan.From(file.Rows).Orders);

        var payload = new PayloadBuilder(DefaultChannelMappings.Taobao).Build(order);
        using var json = JsonDocument.Parse(payload.ToJsonString());
        var mapped = ChannelMappingEngine.Map("taobao", json.RootElement, DefaultChannelMappings.Taobao);

        Assert.False(mapped.Paid);
        Assert.Null(mapped.PaidAt);
    }

    [Fact]
    public void Build_ForDouyinWhoseAmountsAreInFen_WritesFenThatMapBackToYuan()
    {
        var path = Path.Combine(Path.GetTempPath(), $"douyin-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "externalOrderNo,phone,province,city,district,addressDetail,sku,quantity,unitPrice,paidAmount,paidAt\nDY9,13800138000,广东省,深圳市,南山区,科技园1号,SKU-A,2,12.50,25.00,2026-11-20 10:00:00\n");
        var order = Assert.Single(ImportPlan.From(CsvFile.Read(path, HeaderMap.For("douyin")).Rows).Orders);

        var payload = new PayloadBuilder(DefaultChannelMappings.Douyin).Build(order);
        using var json = JsonDocument.Parse(payload.ToJsonString());
        var mapped = ChannelMappingEngine.Map("douyin", json.RootElement, DefaultChannelMappings.Douyin);

        Assert.Equal("douyin-DY9", mapped.OrderId);
        Assert.Equal(25.00m, mapped.PaidAmount);
        Assert.Equal(("广东省", "深圳市", "南山区"), (mapped.Province, mapped.City, mapped.District));
        Assert.Equal(("SKU-A", 2), (mapped.Lines[0].Sku, mapped.Lines[0].Quantity));
    }

    public static TheoryData<string> ListChannels => new() { "taobao", "shopify", "own" };

    /// <summary>
    /// Each shape a mapping reads a list in: through a <c>[*]</c> step (Taobao's and Shopify's promotions), one text split
    /// on a join (Shopify's tags), an array at the path (the storefront's both).
    /// </summary>
    [Theory]
    [MemberData(nameof(ListChannels))]
    public void Build_PromotionsAndTagsSeveralToACell_MapBackToEachEntry(string channel)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{channel}-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "externalOrderNo,phone,sku,quantity,promotions,tags\nL1,13800138000,SKU-A,1,满300减50;店铺券,vip\nL1,13800138000,SKU-B,1,店铺券；新人礼,fragile; vip\n");
        var order = Assert.Single(ImportPlan.From(CsvFile.Read(path, HeaderMap.Generic).Rows).Orders);
        var mapping = channel switch
        {
            "taobao" => DefaultChannelMappings.Taobao,
            "shopify" => DefaultChannelMappings.Shopify,
            _ => DefaultChannelMappings.Own,
        };

        var payload = new PayloadBuilder(mapping).Build(order);
        using var json = JsonDocument.Parse(payload.ToJsonString());
        var mapped = ChannelMappingEngine.Map(channel, json.RootElement, mapping);

        Assert.Equal(["满300减50", "店铺券", "新人礼"], mapped.Promotions);
        Assert.Equal(channel == "taobao" ? [] : ["vip", "fragile"], mapped.Tags);
    }
}
