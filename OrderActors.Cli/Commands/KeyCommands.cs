using System.CommandLine;
using OrderActors.Client.Contracts;
using Spectre.Console;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>keys create|list|revoke</c> (admin).</summary>
public static class KeyCommands
{
    public static Command Create()
    {
        var name = Option<string>("--name", "What the key is for.", required: true);
        var roles = new Option<string[]>("--role")
        {
            Description = $"A role ({string.Join(", ", ApiRoles.All)}); repeat for several.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        roles.AcceptOnlyFromAmong([.. ApiRoles.All]);
        var create = Command("create", "Create an API key; the key is shown once, keep it.", name, roles)
            .Runs(async (parse, context, ct) =>
            {
                var created = await context.Api.Keys.CreateAsync(parse.GetValue(name)!, parse.GetValue(roles)!, ct);
                context.PrintLast("API key");
                if (!context.Json)
                {
                    context.Out.MarkupLineInterpolated($"[yellow]The key is shown only now:[/] {created.Key}");
                }

                return ExitCodes.Ok;
            });

        var list = Command("list", "API keys (never the keys themselves).")
            .Runs(async (_, context, ct) =>
            {
                await context.Api.Keys.ListAsync(ct);
                return context.PrintLast("API keys");
            });

        var id = Argument("key-id", "The key's id (see 'keys list').");
        var revoke = Command("revoke", "Revoke a key; it stops working at once.", id)
            .Runs(async (parse, context, ct) =>
            {
                await NotFound.NamedAsync(context.Api.Keys.RevokeAsync(parse.GetValue(id)!, ct), $"there is no API key '{parse.GetValue(id)}' (see 'keys list')");
                return context.PrintLast();
            });
        return Group("keys", "API keys and their roles.", create, list, revoke);
    }
}
