using OrderActors.Cli;

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
}
