using System.CommandLine;
using System.Text.Json;
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
        var idempotencyKey = Option<string?>("--idempotency-key", "Run again with the one a failed run gave: the key it may have created is shown instead of a second one (default: a new one).");
        var create = Command("create", "Create an API key; the key is shown once, keep it.", name, roles, idempotencyKey)
            .Runs(async (parse, context, ct) =>
            {
                // Without an Idempotency-Key a create whose answer was lost made a key nobody holds, and running it again
                // made a second. With one the CLI chose, a rerun passing it gets the first key back (the API keeps it,
                // sealed, for a rerun with the same key).
                var given = parse.GetValue(idempotencyKey);
                var sent = given ?? Guid.NewGuid().ToString();
                ApiKeyCreated created;
                try
                {
                    created = await context.Api.Keys.CreateAsync(parse.GetValue(name)!, parse.GetValue(roles)!, ct, sent);
                }
                catch (Exception e) when (given is null && CliRetryHintException.NoAnswer(e))
                {
                    throw new CliRetryHintException($"To run it again without creating a second key, add --idempotency-key {sent}.", e);
                }

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
                if (context.Json)
                {
                    // The API answers 204 with no body, which --json printed as an empty line: a script reading JSON got none.
                    context.WriteRaw(JsonSerializer.Serialize(new { id = parse.GetValue(id), revoked = true }, JsonSerializerOptions.Web));
                    return ExitCodes.Ok;
                }

                return context.PrintLast();
            });
        return Group("keys", "API keys and their roles.", create, list, revoke);
    }
}
