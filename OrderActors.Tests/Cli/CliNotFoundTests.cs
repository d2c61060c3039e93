using OrderActors.Cli;

namespace OrderActors.Tests.Cli;

/// <summary>
/// What the CLI says when the API has nothing at the path it asked for. The API's bare 404 carries the code
/// <c>request.not_found</c> and no detail, and the CLI printed it as "Not Found": a key that is not there, a subscription
/// mistyped and a URL whose prefix the silo does not serve all read the same. An empty id sent a path with nothing in it.
/// </summary>
public sealed class CliNotFoundTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Theory]
    [InlineData("error: there is no API key 'no-such-key' (see 'keys list') (404 request.not_found).", "keys", "revoke", "no-such-key")]
    [InlineData("error: there is no subscription 'no-such-sub' (see 'subscriptions list') (404 request.not_found).", "subscriptions", "deliveries", "no-such-sub")]
    [InlineData("error: there is no order grain 'own-never': nothing was ever stored for it (404 request.not_found).", "grains", "show", "order/own-never")]
    public async Task AnIdTheApiDoesNotHave_ExitsOneNamingWhatWasNotFound(string expected, params string[] args)
    {
        var result = await CliProcess.RunAsync(silo, args);

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.Equal([expected], result.ErrorLines);
    }

    [Fact]
    public async Task AUrlWithAPrefixTheSiloDoesNotServe_SaysTheSiloHasNoSuchEndpoint()
    {
        var result = await CliProcess.RunAsync(silo, "--url", $"{silo.Url}/not-a-prefix", "orders", "list");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.Equal(
            ["error: not found (404 request.not_found): the resource does not exist, or this silo has no such endpoint (check --url and the silo's version)."],
            result.ErrorLines);
    }

    [Theory]
    [InlineData("<order-id>", "orders", "show", "")]
    [InlineData("<order-id>", "orders", "history", " ")]
    [InlineData("<sku>", "stock", "show", "")]
    [InlineData("<key-id>", "keys", "revoke", "")]
    [InlineData("<subscription-id>", "subscriptions", "deliveries", "")]
    public async Task AnEmptyId_IsAUsageErrorAndNothingIsSent(string argument, params string[] args)
    {
        // Nothing listens at the URL: had the CLI sent anything, it would say it cannot connect (exit 3).
        var result = await CliProcess.RunAsync(new Dictionary<string, string> { ["ORDERACTORS_URL"] = CliRun.ClosedPortUrl(), ["ORDERACTORS_API_KEY"] = "k" }, args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal([$"error: {argument} is empty; give a value. Run 'orderactors {args[0]} {args[1]} --help' for usage."], result.ErrorLines);
    }
}
