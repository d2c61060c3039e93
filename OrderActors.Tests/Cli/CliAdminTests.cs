using System.Text.Json;
using OrderActors.Cli;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

/// <summary>
/// The admin commands an operator tripped over (eighteenth session): <c>rules show|set --if-version</c>, a retried
/// <c>keys create</c>, <c>keys revoke --json</c> and a list with no rows; run as a process against the silo run as a
/// process. Nothing here creates a subscription, so that list stays empty.
/// </summary>
public sealed class CliAdminTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Fact]
    public async Task RulesShow_ASection_TitlesItWithTheVersionASetCanBeConditionalOn()
    {
        var version = (await silo.Admin.Rules.GetAsync("allocation")).GetProperty("version").GetInt64();

        var result = await CliProcess.RunAsync(silo, "rules", "show", "allocation");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains($"allocation rules, version {version}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesSet_IfVersionSomeoneElseMovedOn_ExitsOneSayingWhatToDoAndChangesNothing()
    {
        var read = (await silo.Admin.Rules.GetAsync("approval")).GetProperty("version").GetInt64();
        var theirs = await silo.Admin.Rules.PutAsync("approval", JsonDocument.Parse("""{"tiers": [{"minAmount": 2000, "role": "sales"}]}""").RootElement);
        var file = await WriteAsync("""{"tiers": [{"minAmount": 500, "role": "finance"}]}""");

        var result = await CliProcess.RunAsync(silo, "rules", "set", "approval", file, "--if-version", read.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains($"no longer at version {read}", line, StringComparison.Ordinal);
        Assert.Contains("'rules show approval'", line, StringComparison.Ordinal);
        Assert.EndsWith("(412 rules.changed).", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(theirs.GetRawText(), (await silo.Admin.Rules.GetAsync("approval")).GetRawText());
    }

    [Fact]
    public async Task RulesSet_IfVersionOfTheCurrentVersion_ReplacesTheSection()
    {
        var read = (await silo.Admin.Rules.GetAsync("sla")).GetProperty("version").GetInt64();
        var file = await WriteAsync("""{"review": "00:40:00"}""");

        var result = await CliProcess.RunAsync(silo, "rules", "set", "sla", file, "--if-version", read.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var sla = await silo.Admin.Rules.GetAsync("sla");
        Assert.Equal(JsonDocument.Parse(result.Out).RootElement.GetRawText(), sla.GetRawText());
        Assert.Equal("00:40:00", sla.GetProperty("review").GetString());
        Assert.True(sla.GetProperty("version").GetInt64() > read);
    }

    [Fact]
    public async Task KeysCreate_RunAgainWithTheIdempotencyKeyOfTheFirstRun_ShowsTheSameKeyAndCreatesOne()
    {
        var idempotencyKey = Guid.NewGuid().ToString();

        var first = await CliProcess.RunAsync(silo, "keys", "create", "--name", "cli retry", "--role", "cs", "--idempotency-key", idempotencyKey, "--json");
        var again = await CliProcess.RunAsync(silo, "keys", "create", "--name", "cli retry", "--role", "cs", "--idempotency-key", idempotencyKey, "--json");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (first.ExitCode, again.ExitCode));
        var created = JsonSerializer.Deserialize<ApiKeyCreated>(first.Out, JsonSerializerOptions.Web)!;
        var replayed = JsonSerializer.Deserialize<ApiKeyCreated>(again.Out, JsonSerializerOptions.Web)!;
        Assert.Equal((created.Id, created.Key), (replayed.Id, replayed.Key));
        Assert.Equal([created.Id], (await silo.Admin.Keys.ListAsync()).Where(k => k.Name == "cli retry").Select(k => k.Id));
    }

    [Fact]
    public async Task KeysRevoke_Json_PrintsTheRevokedKeyAsJson()
    {
        var created = await silo.Admin.Keys.CreateAsync("to revoke", [ApiRoles.Finance]);

        var result = await CliProcess.RunAsync(silo, "keys", "revoke", created.Id, "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var printed = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal((created.Id, true), (printed.GetProperty("id").GetString(), printed.GetProperty("revoked").GetBoolean()));
        Assert.DoesNotContain(await silo.Admin.Keys.ListAsync(), k => k.Id == created.Id);
    }

    [Fact]
    public async Task SubscriptionsList_NoSubscriptions_SaysSoInOneLineAndAnEmptyJsonList()
    {
        var table = await CliProcess.RunAsync(silo, "subscriptions", "list");
        var json = await CliProcess.RunAsync(silo, "subscriptions", "list", "--json");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (table.ExitCode, json.ExitCode));
        Assert.Equal("No subscriptions found.", table.Out.Trim());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(json.Out).RootElement.ValueKind);
        Assert.Equal(0, JsonDocument.Parse(json.Out).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task OrdersList_NothingMatches_SaysNoOrdersFoundInsteadOfAnEmptyTable()
    {
        var result = await CliProcess.RunAsync(silo, "orders", "list", "--status", "Refunded");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("No orders found.", result.Out.Trim());
    }

    private async Task<string> WriteAsync(string json)
    {
        var file = Path.Combine(silo.Directory, $"rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        return file;
    }
}
