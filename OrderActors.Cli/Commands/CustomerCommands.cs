using System.CommandLine;
using Spectre.Console;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>customers show &lt;phone&gt;</c> and <c>customers list [--tag] [--cursor] [--limit]</c>.</summary>
public static class CustomerCommands
{
    public static Command Create()
    {
        var phone = Argument("phone", "The customer's phone, in any format a checkout takes.");
        var show = Command("show", "One customer across channels: names, addresses, tags, spend and latest orders.", phone)
            .Runs(async (parse, context, ct) =>
            {
                await context.Api.Customers.GetAsync(parse.GetValue(phone)!, ct);
                return context.PrintLast($"Customer {parse.GetValue(phone)}");
            });

        var tag = Option<string?>("--tag", "Only customers with this tag: high_value or churn_risk.");
        var cursor = Option<string?>("--cursor", "The nextCursor of the previous page.");
        var limit = Option<int?>("--limit", "Page size (1–500, default 50).");
        var list = Command("list", "Customers in phone order, all or those with a tag (one page; pass --cursor for the next).", tag, cursor, limit)
            .Runs(async (parse, context, ct) =>
            {
                var page = await context.Api.Customers.ListAsync(parse.GetValue(tag), parse.GetValue(limit), parse.GetValue(cursor), ct);
                context.PrintLast("Customers", ["phone", "tags", "totalSpend", "lastOrderAt"], listProperty: "items");
                if (!context.Json && page.NextCursor is not null)
                {
                    context.Out.MarkupLineInterpolated($"[grey]more: --cursor {page.NextCursor}[/]");
                }

                return ExitCodes.Ok;
            });
        return Group("customers", "Customers across channels.", show, list);
    }
}
