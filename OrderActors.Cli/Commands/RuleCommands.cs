using System.CommandLine;
using System.Net;
using System.Text.Json;
using OrderActors.Client.Http;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary>
/// <c>rules show &lt;kind&gt;</c> (also <c>rules get</c>) and <c>rules set &lt;kind&gt; &lt;file.json&gt; [--if-version N]</c>
/// for allocation, exceptions, approval and sla.
/// </summary>
public static class RuleCommands
{
    public static Command Create()
    {
        var kind = Kind();
        var show = Command("show", "Print a rule set and its version (save it with --json > file.json, edit, then 'rules set').", kind)
            .Runs(async (parse, context, ct) =>
            {
                var rules = await context.Api.Rules.GetAsync(parse.GetValue(kind)!, ct);
                return context.PrintLast(Title(parse.GetValue(kind)!, rules));
            });
        show.Aliases.Add("get");

        var setKind = Kind();
        var file = Argument("file", "A JSON file with the whole rule set.");
        var ifVersion = Option<long?>("--if-version", "Replace only if the set is still at this version (the version 'rules show' gives).");
        // As for 'stock settings --if-version': a version is never negative, and sent as If-Match it drew a 412 saying
        // someone had changed the rules. Read the token, not the value (a validator also runs when the value did not parse).
        ifVersion.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && long.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 0)
            {
                result.AddError("--if-version must be 0 or more: the version that 'rules show' gives.");
            }
        });
        var set = Command("set", "Replace a rule set from a JSON file; a bad set is rejected whole and nothing changes.", setKind, file, ifVersion)
            .Runs(async (parse, context, ct) =>
            {
                var (name, expected) = (parse.GetValue(setKind)!, parse.GetValue(ifVersion));
                var rules = ReadJson(parse.GetValue(file)!);
                JsonElement changed;
                try
                {
                    changed = await context.Api.Rules.PutAsync(name, rules, ct, expected);
                }
                catch (OrderActorsApiException stale) when (stale.Status == HttpStatusCode.PreconditionFailed)
                {
                    throw new OrderActorsApiException(
                        stale.Status,
                        stale.Code,
                        stale.Title,
                        $"the {name} rules are no longer at version {expected}: someone changed them, and nothing was changed now. " +
                        $"Look at them with 'rules show {name}', apply your change to what they are now, and run again with that --if-version");
                }

                return context.PrintLast(Title(name, changed));
            });
        return Group("rules", "Versioned rule sets changed without a deploy.", show, set);
    }

    private static string Title(string kind, JsonElement rules) =>
        rules.ValueKind == JsonValueKind.Object && rules.TryGetProperty("version", out var version)
            ? $"{kind} rules, version {version.GetRawText()}"
            : $"{kind} rules";

    private static Argument<string> Kind()
    {
        var kind = Argument("kind", "allocation, exceptions, approval or sla.");
        kind.AcceptOnlyFromAmong([.. RulesClient.Kinds]);
        return kind;
    }

    public static JsonElement ReadJson(string path)
    {
        var text = CliFiles.ReadAllText(path);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException json)
        {
            throw CliFiles.NotJson(path, json);
        }
    }
}
