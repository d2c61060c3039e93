using System.CommandLine;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>exceptions list [--code]</c> and <c>exceptions release &lt;order-id&gt; &lt;code&gt;</c>.</summary>
public static class ExceptionCommands
{
    public static Command Create()
    {
        var code = Option<string?>("--code", "Only holds with this code, e.g. address.incomplete or stock.insufficient.");
        var limit = Option<int?>("--limit", "At most this many (default 100).");
        var list = Command("list", "The exception queue: held orders and their open holds.", code, limit)
            .Runs(async (parse, context, ct) =>
            {
                await context.Api.Exceptions.ListAsync(parse.GetValue(code), parse.GetValue(limit), ct);
                return context.PrintLast("Exceptions", ["id", "status", "channel", "holds", "placedAt", "amount"], listProperty: "items");
            });

        var id = OrderCommands.OrderId();
        var holdCode = Argument("code", "The hold's code.");
        var reason = Option<string?>("--reason", "Why it may go on (required: kept in the order's history).", required: true);
        var release = Command("release", "Release a hold on an order (the same as 'orders release-hold').", id, holdCode, reason)
            .Runs(async (parse, context, ct) =>
            {
                await context.Api.Orders.ReleaseHoldAsync(parse.GetValue(id)!, parse.GetValue(holdCode)!, parse.GetValue(reason), ct);
                return context.PrintLast($"Order {parse.GetValue(id)}");
            });
        return Group("exceptions", "Held orders (open exceptions).", list, release);
    }
}
