using System.Net;
using System.Text.Json;
using OrderActors.Cli;
using OrderActors.Client.Contracts;
using OrderActors.Client.Http;

namespace OrderActors.Tests.Cli;

/// <summary>How an import reads an export's rows into orders, run as a process against the silo run as a process.</summary>
public sealed class CliImportRowsTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    private const string Header = "订单编号,收货人姓名,联系手机,收货地址,实付金额,付款时间,买家留言,商家编码,宝贝数量,宝贝单价";
    private const string Address = "浙江省 杭州市 西湖区 文三路 100号";

    [Fact]
    public async Task ImportOrders_PaymentAndNoteOnTheSecondRowOnly_StoresTheOrderPaidWithTheNote()
    {
        await ReceiveAsync("SKU-MG1", "SKU-MG2");
        var file = CsvText.Write(
            Header,
            $"940011,张三,13800138000,{Address},,,,SKU-MG1,1,10",
            $"940011,张三,13800138000,{Address},20,2026-12-06 10:00:00,要发票,SKU-MG2,1,10");

        var result = await ImportAsync(file);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(1, Summary(result).GetProperty("created").GetInt32());
        var order = await silo.Admin.Orders.GetAsync("taobao-940011");
        Assert.Equal((20m, "要发票"), (order.PaidAmount, order.BuyerNote));
        Assert.NotNull(order.PaidAt);
        Assert.Equal(["SKU-MG1", "SKU-MG2"], order.Lines.Select(l => l.Sku));
    }

    [Fact]
    public async Task ImportOrders_PhoneAndAddressOnTheSecondRowOnly_CreatesTheOrderWithThem()
    {
        await ReceiveAsync("SKU-MG3", "SKU-MG4");
        var file = CsvText.Write(
            Header,
            "940012,张三,,,30,2026-12-06 10:00:00,,SKU-MG3,1,15",
            $"940012,张三,13900139000,{Address},,,,SKU-MG4,1,15");

        var result = await ImportAsync(file);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var order = await silo.Admin.Orders.GetAsync("taobao-940012");
        Assert.Equal(("浙江省", "西湖区"), (order.Address.Province, order.Address.District));
        Assert.Equal(30m, order.PaidAmount);
        Assert.Equal(2, order.Lines.Count);
    }

    [Fact]
    public async Task ImportOrders_TwoSubOrdersOfOneSku_KeepsBothLinesAndSkipsOnlyTheExactRepeat()
    {
        await ReceiveAsync("SKU-SUB1");
        var file = CsvText.Write(
            "订单编号,子订单编号,收货人姓名,联系手机,收货地址,实付金额,付款时间,商家编码,宝贝数量,宝贝单价",
            $"940021,a1,张三,13800138000,{Address},20,2026-12-06 10:00:00,SKU-SUB1,1,10",
            $"940021,a2,张三,13800138000,{Address},20,2026-12-06 10:00:00,SKU-SUB1,1,10",
            $"940021,a2,张三,13800138000,{Address},20,2026-12-06 10:00:00,SKU-SUB1,1,10");

        var result = await ImportAsync(file);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var summary = Summary(result);
        Assert.Equal((1, 1), (summary.GetProperty("created").GetInt32(), summary.GetProperty("duplicateRows").GetInt32()));
        var order = await silo.Admin.Orders.GetAsync("taobao-940021");
        Assert.Equal([("SKU-SUB1", 1), ("SKU-SUB1", 1)], order.Lines.Select(l => (l.Sku, l.Quantity)));
        var stock = await silo.Admin.Stock.GetAsync("SKU-SUB1");
        Assert.Equal(2, stock.Reserved + stock.Allocated);
    }

    [Fact]
    public async Task ImportOrders_ADecimalCommaInASemicolonFile_RejectsTheRowNamingTheColumnAndKeepsGroupedThousands()
    {
        await ReceiveAsync("SKU-AMT1");
        var file = CsvText.Write(
            Header.Replace(',', ';'),
            $"940031;张三;13800138000;{Address};10,50;2026-12-06 10:00:00;;SKU-AMT1;1;10",
            $"940032;张三;13800138000;{Address};1,299.00;2026-12-06 10:00:00;;SKU-AMT1;1;1,299.00");

        var result = await ImportAsync(file);

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var rejection = Assert.Single(Summary(result).GetProperty("rejections").EnumerateArray());
        Assert.Equal("940031", rejection.GetProperty("orderNo").GetString());
        Assert.StartsWith("实付金额 '10,50' is not an amount", rejection.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await AssertMissingAsync("taobao-940031");
        var order = await silo.Admin.Orders.GetAsync("taobao-940032");
        Assert.Equal((1299m, 1299m), (order.PaidAmount, order.Lines[0].UnitPrice));
    }

    [Fact]
    public async Task ImportOrders_ADirectoryWhereTheRejectedFileGoes_ExitsTwoAndSendsNothing()
    {
        await ReceiveAsync("SKU-RJ1");
        var file = CsvText.Write(Header, $"940041,张三,13800138000,{Address},20,2026-12-06 10:00:00,,SKU-RJ1,1,20");
        Directory.CreateDirectory(file + ".rejected.csv");

        var result = await ImportAsync(file);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal($"error: {file}.rejected.csv is a directory, and an import writes its rejected rows to that name. Move it away and retry; nothing was sent.", line);
        await AssertMissingAsync("taobao-940041");
    }

    [Fact]
    public async Task ImportOrders_AFixedFileImportedCleanly_RemovesTheRejectedFileOfTheEarlierRun()
    {
        await ReceiveAsync("SKU-RJ2");
        var file = CsvText.Write(Header, $"940051,张三,13800138000,{Address},20,2026-12-06 10:00:00,,SKU-RJ2,x,20");
        var first = await ImportAsync(file);
        await File.WriteAllTextAsync(file, Header + "\n" + $"940051,张三,13800138000,{Address},20,2026-12-06 10:00:00,,SKU-RJ2,1,20" + "\n");

        var second = await ImportAsync(file);

        Assert.Equal((ExitCodes.ApiError, ExitCodes.Ok), (first.ExitCode, second.ExitCode));
        Assert.False(File.Exists(file + ".rejected.csv"));
        Assert.Equal(file + ".rejected.csv", Summary(second).GetProperty("removedRejectedFile").GetString());
        Assert.Equal("Paid", (await silo.Admin.Orders.GetAsync("taobao-940051")).Status);
    }

    [Fact]
    public async Task ImportOrders_AfterANoteSpanningTwoLines_ReportsTheLineTheRejectedRowStartsOn()
    {
        await ReceiveAsync("SKU-ML1");
        var file = CsvText.Write(
            Header,
            $"940061,张三,13800138000,{Address},20,2026-12-06 10:00:00,\"请周末送\n谢谢\",SKU-ML1,1,20",
            $"940062,张三,13800138000,{Address},20,2026-12-06 10:00:00,,SKU-ML1,x,20");

        var result = await ImportAsync(file);

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var rejection = Assert.Single(Summary(result).GetProperty("rejections").EnumerateArray());
        Assert.Equal([4], rejection.GetProperty("lines").EnumerateArray().Select(l => l.GetInt32()));
        Assert.Contains("谢谢", (await silo.Admin.Orders.GetAsync("taobao-940061")).BuyerNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOrders_ColumnsFileThatIsNotJson_ExitsTwoNamingTheLine()
    {
        var file = CsvText.Write(Header, $"940071,张三,13800138000,{Address},20,2026-12-06 10:00:00,,SKU-X,1,20");
        var map = Path.Combine(silo.Directory, $"map-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(map, "{\n  \"sku\": \"商家编码\",\n  \"quantity\": \n}\n");

        var result = await ImportAsync(file, "--columns", map);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {map} is not valid JSON (line 4): ", line, StringComparison.Ordinal);
        await AssertMissingAsync("taobao-940071");
    }

    [Fact]
    public async Task ImportOrders_ADirectoryAsTheFileOrTheColumnsFile_SaysItIsADirectory()
    {
        var file = CsvText.Write(Header, $"940081,张三,13800138000,{Address},20,2026-12-06 10:00:00,,SKU-X,1,20");

        var asFile = await ImportAsync(silo.Directory);
        var asColumns = await ImportAsync(file, "--columns", silo.Directory);

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage), (asFile.ExitCode, asColumns.ExitCode));
        Assert.Equal([$"error: {silo.Directory} is a directory, not a file."], asFile.ErrorLines);
        Assert.Equal([$"error: {silo.Directory} is a directory, not a file."], asColumns.ErrorLines);
    }

    private async Task ReceiveAsync(params string[] skus)
    {
        foreach (var sku in skus)
        {
            await silo.Admin.Stock.ReceiveAsync(sku, new StockReceiptRequest("SZ", 100));
        }
    }

    private Task<CliProcess.Result> ImportAsync(string file, params string[] more) =>
        CliProcess.RunAsync(
            new Dictionary<string, string> { ["ORDERACTORS_URL"] = silo.Url, ["ORDERACTORS_API_KEY"] = SiloProcess.AdminKey, ["ORDERACTORS_WEBHOOK_SECRET_TAOBAO"] = SiloProcess.TaobaoSecret },
            ["import", "orders", "--channel", "taobao", file, "--json", .. more]);

    private static JsonElement Summary(CliProcess.Result result) => JsonDocument.Parse(result.Out).RootElement;

    private async Task AssertMissingAsync(string id)
    {
        var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => silo.Admin.Orders.GetAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }
}
