using System.CommandLine;
using Spectre.Console;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>exceptions list [--code] [--cursor] [--limit]</c> and <c>exceptions release &lt;order-id&gt; &lt;code&gt;</c>.</summary>
public static class ExceptionCommands
{
    public static Command Create()
    {
        var code = Option<string?>("--code", "Only holds with this code, e.g. address.incomplete or stock.insufficient.");
        var cursor = Option<string?>("--cursor", "The nextCursor of the previous page.");
        var limit = Option<int?>("--limit", "Page size (1–1000, default 100).");
        var list = Command("list", "The exception queue: held orders and their open holds (one page; pass --cursor for the next).", code, cursor, limit)
            .Runs(async (parse, context, ct) =>
            {
                var page = await context.Api.Exceptions.ListAsync(parse.GetValue(code), parse.GetValue(limit), parse.GetValue(cursor), ct);
                context.PrintLast("Exceptions", ["id", "status", "channel", "holds", "placedAt", "amount"], listProperty: "items");
                if (!context.Json && page.NextCursor is not null)
                {
                    // As orders list: the queue can be longer than a page, and a full page said nothing of the rest.
                    context.Out.MarkupLineInterpolated($"[grey]more: --cursor {page.NextCursor}[/]");
                }

                return ExitCodes.Ok;
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
