using System.Text.Json;
using OrderActors.Cli;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

/// <summary>
/// <c>stock settings</c> sends only the settings given, optionally on a version (<c>--if-version</c>), and
/// <c>stock show</c> says so when a SKU is unknown; run as a process against the silo run as a process.
/// </summary>
public sealed class CliStockTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Fact]
    public async Task StockSettings_IfVersionSomeoneElseMovedOn_ExitsOneSayingWhatToDoAndChangesNothing()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-CV1", new StockReceiptRequest("SZ", 10));
        await silo.Admin.Stock.SetSettingsAsync("SKU-CV1", new StockSettingsRequest(1, 2, 0));

        var result = await CliProcess.RunAsync(silo, "stock", "settings", "SKU-CV1", "--presale-allowance", "4", "--if-version", "0");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("no longer at version 0", line, StringComparison.Ordinal);
        Assert.Contains("--if-version", line, StringComparison.Ordinal);
        Assert.EndsWith("(412 stock.settings_changed).", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(new StockSettingsDto("SKU-CV1", 1, 2, 0, 1), await silo.Admin.Stock.GetSettingsAsync("SKU-CV1"));
    }

    [Fact]
    public async Task StockSettings_NegativeIfVersion_ExitsTwoSayingWhatAVersionIsAndChangesNothing()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-CV4", new StockReceiptRequest("SZ", 10));
        await silo.Admin.Stock.SetSettingsAsync("SKU-CV4", new StockSettingsRequest(1, 2, 0));

        var result = await CliProcess.RunAsync(silo, "stock", "settings", "SKU-CV4", "--safety-stock", "3", "--if-version", "-1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(
            ["error: --if-version must be 0 or more: the settingsVersion that 'stock show' gives. Run 'orderactors stock settings --help' for usage."],
            result.ErrorLines);
        Assert.Equal(new StockSettingsDto("SKU-CV4", 1, 2, 0, 1), await silo.Admin.Stock.GetSettingsAsync("SKU-CV4"));
    }

    [Fact]
    public async Task StockSettings_IfVersionOfTheCurrentVersion_ChangesOnlyTheSettingGiven()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-CV2", new StockReceiptRequest("SZ", 10));
        await silo.Admin.Stock.SetSettingsAsync("SKU-CV2", new StockSettingsRequest(1, 2, 3));

        var result = await CliProcess.RunAsync(silo, "stock", "settings", "SKU-CV2", "--low-stock-threshold", "5", "--if-version", "1", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(result.Out).RootElement.GetProperty("settingsVersion").GetInt32());
        Assert.Equal(new StockSettingsDto("SKU-CV2", 1, 5, 3, 2), await silo.Admin.Stock.GetSettingsAsync("SKU-CV2"));
    }

    [Fact]
    public async Task StockSettings_SkuNothingHappenedToYet_SetsItsPresaleAllowance()
    {
        var result = await CliProcess.RunAsync(silo, "stock", "settings", "SKU-CV3", "--presale-allowance", "5");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var stock = await silo.Admin.Stock.GetAsync("SKU-CV3");
        Assert.Equal((0, 0, 5, 5), (stock.SafetyStock, stock.LowStockThreshold, stock.PresaleAllowance, stock.Sellable));
    }

    [Fact]
    public async Task StockShow_SkuNothingHappenedTo_ExitsOneSayingItIsUnknown()
    {
        var result = await CliProcess.RunAsync(silo, "stock", "show", "SKU-CV-TYPO");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("SKU-CV-TYPO", line, StringComparison.Ordinal);
        Assert.EndsWith("(404 stock.unknown_sku).", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }
}
