using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using OrderActors.Cli;
using OrderActors.Client.Contracts;
using OrderActors.Client.Http;

namespace OrderActors.Tests.Cli;

/// <summary>The CLI run as a process against the silo run as a process over SQLite.</summary>
public sealed class CliProcessTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Fact]
    public async Task ImportOrders_CsvWithGoodDuplicateAndBadRows_ReportsTheCountsAndReasonsAndWritesTheRejectedRows()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-IMP1", new StockReceiptRequest("SZ", 100));
        var file = TaobaoCsv.Write(
        [
            TaobaoCsv.Row("5101", "SKU-IMP1", "2"),
            TaobaoCsv.Row("5102", "SKU-IMP1", "1"),
            TaobaoCsv.Row("5102", "SKU-IMP1", "1"),
            TaobaoCsv.Row("5103", "SKU-IMP1", "abc"),
            TaobaoCsv.Row("5104", "SKU-IMP1", "1", phone: ""),
            TaobaoCsv.Row("5105", "SKU-IMP1", "3"),
        ]);

        var result = await ImportAsync(file);

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var summary = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal((6, 3, 1, 2), (summary.GetProperty("rows").GetInt32(), summary.GetProperty("created").GetInt32(), summary.GetProperty("duplicates").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        var reasons = summary.GetProperty("rejections").EnumerateArray().ToDictionary(r => r.GetProperty("orderNo").GetString()!, r => r.GetProperty("reason").GetString()!);
        Assert.Equal("quantity 'abc' is not a positive whole number", reasons["5103"]);
        Assert.Equal("phone: is required (400 channel.payload_invalid)", reasons["5104"]);
        Assert.Equal([("5103", "quantity 'abc' is not a positive whole number"), ("5104", "phone: is required (400 channel.payload_invalid)")], ReadRejectedFile(file + ".rejected.csv"));
        Assert.Equal(["Paid", "Paid", "Paid"], await StatusesAsync("taobao-5101", "taobao-5102", "taobao-5105"));
        await AssertMissingAsync("taobao-5103", "taobao-5104");
        Assert.Equal(6, (await silo.Admin.Stock.GetAsync("SKU-IMP1")).Reserved + (await silo.Admin.Stock.GetAsync("SKU-IMP1")).Allocated);
    }

    [Fact]
    public async Task ImportOrders_SameFileTwice_TheSecondCreatesNothingNew()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-IMP2", new StockReceiptRequest("SZ", 100));
        var file = TaobaoCsv.Write([TaobaoCsv.Row("5201", "SKU-IMP2", "2"), TaobaoCsv.Row("5202", "SKU-IMP2", "1"), TaobaoCsv.Row("5203", "SKU-IMP2", "0")]);
        var first = await ImportAsync(file);
        var stockAfterFirst = await silo.Admin.Stock.GetAsync("SKU-IMP2");
        var historyAfterFirst = await silo.Admin.Orders.HistoryAsync("taobao-5201");

        var second = await ImportAsync(file);

        var summary = JsonDocument.Parse(second.Out).RootElement;
        Assert.Equal(2, JsonDocument.Parse(first.Out).RootElement.GetProperty("created").GetInt32());
        Assert.Equal((0, 2, 1), (summary.GetProperty("created").GetInt32(), summary.GetProperty("duplicates").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        var stock = await silo.Admin.Stock.GetAsync("SKU-IMP2");
        Assert.Equal((stockAfterFirst.Reserved, stockAfterFirst.Allocated, stockAfterFirst.Sellable), (stock.Reserved, stock.Allocated, stock.Sellable));
        Assert.Equal(3, stock.Reserved + stock.Allocated);
        Assert.Equal(historyAfterFirst.Select(h => h.Version), (await silo.Admin.Orders.HistoryAsync("taobao-5201")).Select(h => h.Version));
    }

    [Fact]
    public async Task AnyCommand_WithABadApiKey_ExitsThreeWithOneLineSayingHowToPassAKey()
    {
        var environment = new Dictionary<string, string> { ["ORDERACTORS_URL"] = silo.Url, ["ORDERACTORS_API_KEY"] = "oa_wrong_key" };

        var result = await CliProcess.RunAsync(environment, "stock", "show", "SKU-1");

        Assert.Equal(ExitCodes.ConnectionOrAuth, result.ExitCode);
        Assert.Equal(["error: the API key was rejected (401). Pass --api-key or set ORDERACTORS_API_KEY."], result.ErrorLines);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task StockShow_Json_PrintsTheApisJsonAsItCame()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-JSON", new StockReceiptRequest("SZ", 7));
        var expected = await silo.Admin.Connection.GetTextAsync("/api/stock/SKU-JSON", CancellationToken.None);

        var result = await CliProcess.RunAsync(silo, "stock", "show", "SKU-JSON", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(expected, result.Out.TrimEnd('\n'));
    }

    [Fact]
    public async Task OrdersTransition_Illegal_ExitsOneWithTheApisCodeAndChangesNothing()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-TR", new StockReceiptRequest("SZ", 5));
        var order = await silo.Admin.Orders.CreateAsync(Checkouts.For("TR-1", "SKU-TR", 1));

        var result = await CliProcess.RunAsync(silo, "orders", "ship", order.Id, "--carrier", "SF", "--waybill", "SF1");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.EndsWith("(409 order.invalid_transition).", line, StringComparison.Ordinal);
        Assert.Equal("PendingPayment", (await silo.Admin.Orders.GetAsync(order.Id)).Status);
    }

    [Fact]
    public async Task RulesSet_AnEditedFile_ReplacesTheSectionAndANewVersionIsServed()
    {
        var current = await CliProcess.RunAsync(silo, "rules", "get", "sla", "--json");
        var file = Path.Combine(silo.Directory, $"sla-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, current.Out.Replace("\"review\":\"00:30:00\"", "\"review\":\"00:45:00\"", StringComparison.Ordinal));

        var result = await CliProcess.RunAsync(silo, "rules", "set", "sla", file, "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var before = JsonDocument.Parse(current.Out).RootElement;
        var after = JsonDocument.Parse((await CliProcess.RunAsync(silo, "rules", "get", "sla", "--json")).Out).RootElement;
        Assert.Equal(("00:30:00", "00:45:00"), (before.GetProperty("review").GetString(), after.GetProperty("review").GetString()));
        Assert.True(after.GetProperty("version").GetInt64() > before.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task RulesSet_AWrongValue_ExitsOneNamingTheFieldAndChangesNothing()
    {
        var before = (await CliProcess.RunAsync(silo, "rules", "get", "allocation", "--json")).Out;
        var file = Path.Combine(silo.Directory, $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"rules": "not a list"}""");

        var result = await CliProcess.RunAsync(silo, "rules", "set", "allocation", file);

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: rules:", line, StringComparison.Ordinal);
        Assert.Equal(before, (await CliProcess.RunAsync(silo, "rules", "get", "allocation", "--json")).Out);
    }

    [Fact]
    public async Task ExportReconciliation_Out_WritesTheApisCsvToTheFile()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expected = await silo.Admin.Reports.ReconciliationCsvAsync(today);
        var file = Path.Combine(silo.Directory, $"recon-{Guid.NewGuid():N}.csv");

        var result = await CliProcess.RunAsync(silo, "export", "reconciliation", "--date", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--out", file);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(expected, await File.ReadAllTextAsync(file));
        Assert.StartsWith("date,channel,orders,paid_orders", expected, StringComparison.Ordinal);
    }

    private Task<CliProcess.Result> ImportAsync(string file) =>
        CliProcess.RunAsync(
            new Dictionary<string, string> { ["ORDERACTORS_URL"] = silo.Url, ["ORDERACTORS_API_KEY"] = SiloProcess.AdminKey, ["ORDERACTORS_WEBHOOK_SECRET_TAOBAO"] = SiloProcess.TaobaoSecret },
            "import", "orders", "--channel", "taobao", file, "--json");

    private async Task<IReadOnlyList<string>> StatusesAsync(params string[] ids)
    {
        var statuses = new List<string>();
        foreach (var id in ids)
        {
            statuses.Add((await silo.Admin.Orders.GetAsync(id)).Status);
        }

        return statuses;
    }

    private async Task AssertMissingAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => silo.Admin.Orders.GetAsync(id));
            Assert.Equal(HttpStatusCode.NotFound, error.Status);
        }
    }

    private static List<(string OrderNo, string Reason)> ReadRejectedFile(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<(string, string)>();
        while (csv.Read())
        {
            rows.Add((OrderActors.Cli.Import.CsvValue.Clean(csv.GetField("订单编号")), csv.GetField("reason")!));
        }

        return rows;
    }
}
