using System.Text.Json;
using OrderActors.Cli;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

/// <summary>
/// An import writes the CSV's pay time in the unit the channel's mapping reads. With a mapping that reads Unix
/// milliseconds, the CSV's text time was sent as it was and every paid order was rejected. A silo of its own: the test
/// changes the Taobao mapping.
/// </summary>
public sealed class CliImportPayTimeTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Fact]
    public async Task ImportOrders_MappingReadsUnixMilliseconds_OrderIsPaidAtTheCsvsPayTime()
    {
        var mapping = await silo.Admin.Channels.GetMappingAsync("taobao");
        var fields = new Dictionary<string, FieldMapping>(mapping.Fields!) { ["paidAt"] = mapping.Fields!["paidAt"] with { Format = TimeFormats.UnixMilliseconds } };
        await silo.Admin.Channels.PutMappingAsync("taobao", mapping with { Fields = fields });
        await silo.Admin.Stock.ReceiveAsync("SKU-PT", new StockReceiptRequest("SZ", 10));
        var file = TaobaoCsv.Write([TaobaoCsv.Row("7101", "SKU-PT", "1", paidAt: "2026-11-20 10:00:00")]);

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["ORDERACTORS_URL"] = silo.Url, ["ORDERACTORS_API_KEY"] = SiloProcess.AdminKey, ["ORDERACTORS_WEBHOOK_SECRET_TAOBAO"] = SiloProcess.TaobaoSecret },
            "import", "orders", "--channel", "taobao", file, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Equal(1, JsonDocument.Parse(result.Out).RootElement.GetProperty("created").GetInt32());
        var order = await silo.Admin.Orders.GetAsync("taobao-7101");
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)), order.PaidAt);
    }
}
