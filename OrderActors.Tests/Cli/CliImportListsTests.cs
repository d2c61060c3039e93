using System.Net;
using System.Text.Json;
using OrderActors.Cli;
using OrderActors.Client.Contracts;
using OrderActors.Client.Http;

namespace OrderActors.Tests.Cli;

/// <summary>
/// An export's <c>promotions</c> and <c>tags</c> columns (several in one cell, separated by <c>;</c>) reach the order through
/// the channel's mapping and the service's cleaning, as a webhook's lists do; run as a process against the silo run as a process.
/// </summary>
public sealed class CliImportListsTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    private const string Header = "订单编号,收货人姓名,联系手机,收货地址,实付金额,付款时间,商家编码,宝贝数量,宝贝单价,promotions";
    private const string Address = "浙江省 杭州市 西湖区 文三路 100号";

    [Fact]
    public async Task ImportOrders_PromotionsSeveralToACellOverTwoRows_StoresEachOnceCleaned()
    {
        await ReceiveAsync("SKU-PR1", "SKU-PR2");
        var file = CsvText.Write(
            Header,
            $"950011,张三,13800138000,{Address},20,2026-12-06 10:00:00,SKU-PR1,1,10,满300减50; 店铺券",
            $"950011,张三,13800138000,{Address},20,2026-12-06 10:00:00,SKU-PR2,1,10,\"店铺券；新人礼\u0007；满1,000减100\"");

        var result = await ImportAsync(file);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        var order = await silo.Admin.Orders.GetAsync("taobao-950011");
        Assert.Equal(["满300减50", "店铺券", "新人礼", "满1,000减100"], order.Promotions);
        Assert.Equal(["SKU-PR1", "SKU-PR2"], order.Lines.Select(l => l.Sku));
    }

    [Fact]
    public async Task ImportOrders_TagsWithAMappingThatReadsThemJoined_StoresTheTags()
    {
        await ReceiveAsync("SKU-TG1");
        var taobao = await silo.Admin.Channels.GetMappingAsync("taobao");
        await silo.Admin.Channels.PutMappingAsync("taobao", taobao with
        {
            Fields = new Dictionary<string, FieldMapping>(taobao.Fields!) { ["tags"] = new() { Path = "seller_flags", Join = "," } },
        });
        var file = CsvText.Write(Header + ",tags", $"950021,张三,13800138000,{Address},10,2026-12-06 10:00:00,SKU-TG1,1,10,,vip;fragile;VIP");

        var result = await ImportAsync(file);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        var order = await silo.Admin.Orders.GetAsync("taobao-950021");
        Assert.Equal(["vip", "fragile"], order.Tags);
        Assert.Empty(order.Promotions);
    }

    [Fact]
    public async Task ImportOrders_TagsTheChannelsMappingDoesNotRead_ExitsTwoAndSendsNothing()
    {
        await ReceiveAsync("SKU-TG2");
        var file = CsvText.Write("订单编号,联系手机,商家编码,宝贝数量,tags", "950031,13800138000,SKU-TG2,1,vip");

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["ORDERACTORS_URL"] = silo.Url, ["ORDERACTORS_API_KEY"] = SiloProcess.AdminKey, ["ORDERACTORS_WEBHOOK_SECRET_JD"] = SiloProcess.TaobaoSecret },
            ["import", "orders", "--channel", "jd", file, "--json", "--columns", await ColumnsAsync()]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("tags, which the mapping of channel 'jd' does not read", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => silo.Admin.Orders.GetAsync("jd-950031"));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }

    private async Task<string> ColumnsAsync()
    {
        var map = Path.Combine(silo.Directory, $"map-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(map, JsonSerializer.Serialize(new Dictionary<string, string> { ["externalOrderNo"] = "订单编号", ["phone"] = "联系手机", ["sku"] = "商家编码", ["quantity"] = "宝贝数量" }));
        return map;
    }

    private async Task ReceiveAsync(params string[] skus)
    {
        foreach (var sku in skus)
        {
            await silo.Admin.Stock.ReceiveAsync(sku, new StockReceiptRequest("SZ", 100));
        }
    }

    private Task<CliProcess.Result> ImportAsync(string file) =>
        CliProcess.RunAsync(
            new Dictionary<string, string> { ["ORDERACTORS_URL"] = silo.Url, ["ORDERACTORS_API_KEY"] = SiloProcess.AdminKey, ["ORDERACTORS_WEBHOOK_SECRET_TAOBAO"] = SiloProcess.TaobaoSecret },
            ["import", "orders", "--channel", "taobao", file, "--json"]);
}
