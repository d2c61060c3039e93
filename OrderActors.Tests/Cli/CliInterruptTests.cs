using System.Text.Json;
using OrderActors.Cli;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT) sent to the CLI process. System.CommandLine 2.0.0 leaves its termination handling off, so the
/// process died where it stood: an import without its summary, a watch without ending as a watch should.
/// </summary>
public sealed class CliInterruptTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    private const int Orders = 1500;

    [Fact]
    public async Task ImportOrders_CtrlCMidway_SaysHowManyWereAnsweredAndTheSameCommandImportsTheRestOnce()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-INT1", new StockReceiptRequest("SZ", 100_000));
        var file = TaobaoCsv.Write(Enumerable.Range(0, Orders).Select(i => TaobaoCsv.Row($"{610000 + i}", "SKU-INT1", "1", phone: $"1390{i:D7}")));
        var environment = new Dictionary<string, string>(CliProcess.Environment(silo)) { ["ORDERACTORS_WEBHOOK_SECRET"] = SiloProcess.TaobaoSecret };
        using var import = InterruptibleCli.Start(environment, "import", "orders", "--channel", "taobao", file);
        Assert.StartsWith("Importing", await import.FirstLine.WaitAsync(TimeSpan.FromSeconds(60)), StringComparison.Ordinal);

        var stopped = await import.InterruptAsync();

        Assert.Equal(ExitCodes.Interrupted, stopped.ExitCode);
        var line = Assert.Single(stopped.ErrorLines);
        var answered = int.Parse(System.Text.RegularExpressions.Regex.Match(line, @"^error: interrupted \(Ctrl\+C\): the service answered (\d+) of 1500 orders; ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("Run the same command again to import the rest: orders already imported count as duplicates and change nothing.", line, StringComparison.Ordinal);
        Assert.Contains("not imported (interrupted)", stopped.Out, StringComparison.Ordinal);
        var held = await HeldAsync("SKU-INT1");
        Assert.InRange(held, answered, answered + 4);
        Assert.True(held < Orders, $"the import was not stopped: all {held} orders were created");
        Assert.False(File.Exists(file + ".rejected.csv"));

        var rest = await CliProcess.RunAsync(environment, "--json", "import", "orders", "--channel", "taobao", file);

        Assert.Equal(ExitCodes.Ok, rest.ExitCode);
        var summary = JsonDocument.Parse(rest.Out).RootElement;
        Assert.Equal((Orders - held, held, false), (summary.GetProperty("created").GetInt32(), summary.GetProperty("duplicates").GetInt32(), summary.GetProperty("interrupted").GetBoolean()));
        Assert.Equal(Orders, await HeldAsync("SKU-INT1"));
    }

    [Fact]
    public async Task ClusterStatusWatchJson_CtrlC_EndsTheWatchWithExitZeroAndOnlyWholeJsonLines()
    {
        using var watch = InterruptibleCli.Start(CliProcess.Environment(silo), "--json", "cluster", "status", "--watch", "--interval", "1s");
        await watch.FirstLine.WaitAsync(TimeSpan.FromSeconds(60));

        var stopped = await watch.InterruptAsync();

        Assert.Equal((ExitCodes.Ok, string.Empty), (stopped.ExitCode, stopped.Error));
        var lines = stopped.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
    }

    [Fact]
    public async Task StockReceive_CtrlCWhileWaitingForTheAnswer_ExitsInterruptedWithTheReceiptIdForASafeRetry()
    {
        var sent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var listener = new MisbehavingListener(MisbehavingListener.ReadRequestThenWait(body => sent.TrySetResult(body)));
        var url = $"http://127.0.0.1:{listener.Port}";
        using var receive = InterruptibleCli.Start(new Dictionary<string, string> { ["ORDERACTORS_URL"] = url, ["ORDERACTORS_API_KEY"] = "k" }, "stock", "receive", "SKU-1", "--warehouse", "SZ", "--quantity", "5");
        var receiptId = JsonDocument.Parse(await sent.Task.WaitAsync(TimeSpan.FromSeconds(60))).RootElement.GetProperty("receiptId").GetString();

        var stopped = await receive.InterruptAsync();

        Assert.Equal(ExitCodes.Interrupted, stopped.ExitCode);
        Assert.Equal(
            [$"error: interrupted (Ctrl+C) before {url} answered. To run it again without counting the goods twice, add --receipt-id {receiptId}."],
            stopped.ErrorLines);
    }

    private async Task<int> HeldAsync(string sku)
    {
        var stock = await silo.Admin.Stock.GetAsync(sku);
        return stock.Reserved + stock.Allocated;
    }
}
