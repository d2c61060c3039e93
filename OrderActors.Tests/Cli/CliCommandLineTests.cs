using System.Collections;
using System.Text;
using System.Text.Json;
using OrderActors.Cli;
using OrderActors.Client.Contracts;
using Spectre.Console;

namespace OrderActors.Tests.Cli;

/// <summary>Options and values the commands must check before sending anything, run as a process against the silo run as a process.</summary>
public sealed class CliCommandLineTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    public async Task GrainsList_TopThatIsNotAPositiveNumber_ExitsTwoWithOneLine(string top)
    {
        var result = await CliProcess.RunAsync(silo, "grains", "list", "--type", "order", "--top", top);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("--top", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task CancelAndReleaseHold_WithoutAReason_ExitTwoAndLeaveTheOrderAsItWas()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-RS1", new StockReceiptRequest("SZ", 5));
        var order = await silo.Admin.Orders.CreateAsync(Checkouts.For("RS-1", "SKU-RS1", 1));

        var cancel = await CliProcess.RunAsync(silo, "orders", "cancel", order.Id);
        var release = await CliProcess.RunAsync(silo, "orders", "release-hold", order.Id, "address.incomplete");
        var exceptionRelease = await CliProcess.RunAsync(silo, "exceptions", "release", order.Id, "address.incomplete");

        Assert.Equal([ExitCodes.Usage, ExitCodes.Usage, ExitCodes.Usage], new[] { cancel.ExitCode, release.ExitCode, exceptionRelease.ExitCode });
        Assert.All([cancel, release, exceptionRelease], r => Assert.Contains("--reason", Assert.Single(r.ErrorLines), StringComparison.Ordinal));
        var after = await silo.Admin.Orders.GetAsync(order.Id);
        Assert.Equal((order.Status, order.Version), (after.Status, after.Version));
    }

    [Fact]
    public async Task StockSettings_OnlySafetyStock_KeepsTheOtherSettings()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-ST1", new StockReceiptRequest("SZ", 50));
        await silo.Admin.Stock.SetSettingsAsync("SKU-ST1", new StockSettingsRequest(1, 7, 3));

        var result = await CliProcess.RunAsync(silo, "stock", "settings", "SKU-ST1", "--safety-stock", "2", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var stock = await silo.Admin.Stock.GetAsync("SKU-ST1");
        Assert.Equal((2, 7, 3), (stock.SafetyStock, stock.LowStockThreshold, stock.PresaleAllowance));
        Assert.Equal(2, JsonDocument.Parse(result.Out).RootElement.GetProperty("safetyStock").GetInt32());
    }

    [Fact]
    public async Task StockSettings_NoSetting_ExitsTwo()
    {
        var result = await CliProcess.RunAsync(silo, "stock", "settings", "SKU-ST2");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(["error: give at least one of --safety-stock, --low-stock-threshold, --presale-allowance."], result.ErrorLines);
    }

    [Theory]
    [InlineData("clé-ключ")]
    [InlineData("oa_key\nsecond-line")]
    public async Task AnyCommand_AnApiKeyAHeaderCannotCarry_ExitsTwoSayingSo(string key)
    {
        var result = await CliProcess.RunAsync(silo, "--api-key", key, "stock", "show", "SKU-1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: the API key contains characters an HTTP header cannot carry", line, StringComparison.Ordinal);
        Assert.DoesNotContain("second-line", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesSet_ADirectoryAsTheFile_SaysItIsADirectory()
    {
        var result = await CliProcess.RunAsync(silo, "rules", "set", "sla", silo.Directory);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal([$"error: {silo.Directory} is a directory, not a file."], result.ErrorLines);
    }

    [Fact]
    public async Task ClusterStatusWatch_Json_PrintsTheBodyAsTheApiSentIt()
    {
        using var stop = new CancellationTokenSource();
        using var output = new FirstLineWriter(stop);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        var environment = new Hashtable { [CliOptions.UrlVariable] = silo.Url, [CliOptions.ApiKeyVariable] = SiloProcess.AdminKey };

        var code = await CliApp.RunAsync(["cluster", "status", "--watch", "--json", "--interval", "1h"], new CliIo(console, TextWriter.Null, environment), stop.Token);

        Assert.Equal(ExitCodes.Ok, code);
        var line = output.FirstLine!;
        Assert.Contains("+00:00", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", line, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind);
    }

    /// <summary>Keeps the first line written and then asks the command to stop, as Ctrl+C would.</summary>
    private sealed class FirstLineWriter(CancellationTokenSource stop) : StringWriter
    {
        public string? FirstLine { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (FirstLine is null)
            {
                FirstLine = value;
                stop.Cancel();
            }
        }
    }
}
