using System.Collections;
using OrderActors.Cli;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

public sealed class CliArgumentTests
{
    [Theory]
    [InlineData("no-such-command")]
    [InlineData("orders")]
    [InlineData("orders", "ship", "own-1", "--carrier", "SF")]
    [InlineData("grains", "list", "--type", "warehouse")]
    [InlineData("keys", "create", "--name", "ops", "--role", "superuser")]
    [InlineData("import", "orders", "--channel", "taobao")]
    public async Task Run_WrongCommandLine_ExitsTwoWithOneLineSayingWhereHelpIs(params string[] args)
    {
        var (code, _, error) = await CliRun.RunAsync(null, args);

        Assert.Equal(ExitCodes.Usage, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grains", "show", "order")]
    [InlineData("grains", "show", "warehouse/SZ")]
    [InlineData("reminders", "list", "--due-within", "soon")]
    [InlineData("orders", "list", "--from", "yesterday")]
    [InlineData("export", "reconciliation", "--date", "22/11/2026")]
    [InlineData("--url", "ftp://example", "orders", "show", "own-1")]
    public async Task Run_ValuesTheCommandCannotUse_ExitsTwoBeforeSendingAnything(params string[] args)
    {
        var (code, _, error) = await CliRun.RunAsync(new Hashtable { [CliOptions.UrlVariable] = CliRun.ClosedPortUrl() }, args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot connect", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ImportWithoutTheChannelSecret_ExitsTwoSayingWhereToPutIt()
    {
        var file = TaobaoCsv.Write([TaobaoCsv.Row("1001", "SKU-A", "1")]);

        var (code, _, error) = await CliRun.RunAsync(new Hashtable(), "import", "orders", "--channel", "taobao", file);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("ORDERACTORS_WEBHOOK_SECRET_TAOBAO", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenNothingListens_ExitsThreeSayingToCheckTheUrl()
    {
        var url = CliRun.ClosedPortUrl();

        var (code, _, error) = await CliRun.RunAsync(new Hashtable { [CliOptions.UrlVariable] = url, [CliOptions.ApiKeyVariable] = "k" }, "stock", "show", "SKU-1");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.Equal($"error: cannot connect to {url}", error[..$"error: cannot connect to {url}".Length]);
        Assert.EndsWith("Pass --url or set ORDERACTORS_URL.", error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_ExitsZeroAndDocumentsTheExitCodes()
    {
        var (code, output, _) = await CliRun.RunAsync(null, "--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(Squash(ExitCodes.HelpText), Squash(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("00:05:00", 300)]
    public void TryParse_OperatorDurations_GivesSeconds(string text, int seconds)
    {
        var ok = Durations.TryParse(text, Duration.DefaultMax, out var value, out var tooLong);

        Assert.True(ok);
        Assert.False(tooLong);
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10x")]
    [InlineData("-5m")]
    [InlineData("m")]
    [InlineData("NaNs")]
    [InlineData("1.5.5h")]
    public void TryParse_NotADuration_IsFalse(string text)
    {
        var ok = Durations.TryParse(text, Duration.DefaultMax, out _, out var tooLong);

        Assert.False(ok);
        Assert.False(tooLong);
    }

    [Theory]
    [InlineData("99999999d")]
    [InlineData("9999999999999h")]
    [InlineData("Infinityd")]
    [InlineData("3651d")]
    [InlineData("3650.00:00:01")]
    public void TryParse_PastTheLongest_IsTooLong(string text)
    {
        var ok = Durations.TryParse(text, Duration.DefaultMax, out _, out var tooLong);

        Assert.False(ok);
        Assert.True(tooLong);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("30")]
    [InlineData("1.5")]
    public void Parse_ABareNumber_IsAUsageErrorSayingToWriteAUnit(string text)
    {
        var error = Assert.Throws<CliUsageException>(() => Duration.Parse(text, "--due-within"));

        Assert.Equal($"--due-within '{text}' is a number without a unit; write 30m, 2h or 1d (or 00:30:00).", error.Message);
        Assert.False(Durations.TryParse(text, Duration.DefaultMax, out _, out _));
    }

    [Fact]
    public void Parse_PastTheOptionsLongest_SaysTheLongest()
    {
        var error = Assert.Throws<CliUsageException>(() => Duration.Parse("2d", "--interval", TimeSpan.FromDays(1)));

        Assert.Equal("--interval '2d' is too long; at most 1d.", error.Message);
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
