using System.CommandLine;
using System.Text.Json;
using OrderActors.Client.Http;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>rules get &lt;kind&gt;</c> and <c>rules set &lt;kind&gt; &lt;file.json&gt;</c> for allocation, exceptions, approval and sla.</summary>
public static class RuleCommands
{
    public static Command Create()
    {
        var kind = Kind();
        var get = Command("get", "Print a rule set (save it with --json > file.json, edit, then 'rules set').", kind)
            .Runs(async (parse, context, ct) =>
            {
                await context.Api.Rules.GetAsync(parse.GetValue(kind)!, ct);
                return context.PrintLast($"{parse.GetValue(kind)} rules");
            });

        var setKind = Kind();
        var file = Argument("file", "A JSON file with the whole rule set.");
        var set = Command("set", "Replace a rule set from a JSON file; a bad set is rejected whole and nothing changes.", setKind, file)
            .Runs(async (parse, context, ct) =>
            {
                var rules = ReadJson(parse.GetValue(file)!);
                await context.Api.Rules.PutAsync(parse.GetValue(setKind)!, rules, ct);
                return context.PrintLast($"{parse.GetValue(setKind)} rules");
            });
        return Group("rules", "Versioned rule sets changed without a deploy.", get, set);
    }

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
