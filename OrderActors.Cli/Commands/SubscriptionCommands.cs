using System.CommandLine;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>subscriptions list</c> and <c>subscriptions deliveries &lt;id&gt;</c>.</summary>
public static class SubscriptionCommands
{
    public static Command Create()
    {
        var list = Command("list", "Outbound webhook subscriptions.")
            .Runs(async (_, context, ct) =>
            {
                await context.Api.Subscriptions.ListAsync(ct);
                return context.PrintLast("Subscriptions");
            });

        var id = Argument("subscription-id", "The subscription's id.");
        var deliveries = Command("deliveries", "A subscription's deliveries with their attempts.", id)
            .Runs(async (parse, context, ct) =>
            {
                await NotFound.NamedAsync(context.Api.Subscriptions.DeliveriesAsync(parse.GetValue(id)!, ct), $"there is no subscription '{parse.GetValue(id)}' (see 'subscriptions list')");
                return context.PrintLast("Deliveries", ["id", "eventType", "status", "attempts", "nextAttemptAt", "deliveredAt"]);
            });
        return Group("subscriptions", "Outbound webhooks.", list, deliveries);
    }
}
