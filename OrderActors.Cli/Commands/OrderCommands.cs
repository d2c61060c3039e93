using System.CommandLine;
using System.Globalization;
using OrderActors.Client.Http;
using Spectre.Console;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>orders list|show|history</c>, plus every transition (see <see cref="OrderTransitionCommands"/>).</summary>
public static class OrderCommands
{
    public static Command Create()
    {
        var orders = Group("orders", "Find, read and move orders.", List(), Show(), History());
        foreach (var transition in OrderTransitionCommands.Create())
        {
            orders.Subcommands.Add(transition);
        }

        return orders;
    }

    public static Argument<string> OrderId() => Argument("order-id", "The order id, {channel}-{external order no}, e.g. own-1001 or taobao-3301.");

    private static Command List()
    {
        var status = Option<string?>("--status", "PendingPayment, Paid, Allocated, Packed, Shipped, Delivered, Completed, Cancelled, ReturnRequested, Returned, Refunded.");
        var channel = Option<string?>("--channel", "taobao, jd, pdd, douyin, shopify, own, …");
        var warehouse = Option<string?>("--warehouse", "The allocated warehouse.");
        var phone = Option<string?>("--phone", "The buyer's phone.");
        var from = Option<string?>("--from", "Placed at or after (ISO date or time, e.g. 2026-11-01).");
        var to = Option<string?>("--to", "Placed before (ISO date or time).");
        var cursor = Option<string?>("--cursor", "The nextCursor of the previous page.");
        var limit = Option<int?>("--limit", "Page size (1–500, default 50).");
        return Command("list", "Orders by status, channel, warehouse, phone and time (one page; pass --cursor for the next).", status, channel, warehouse, phone, from, to, cursor, limit)
            .Runs(async (parse, context, cancellationToken) =>
            {
                var query = new OrderQuery
                {
                    Status = parse.GetValue(status),
                    Channel = parse.GetValue(channel),
                    Warehouse = parse.GetValue(warehouse),
                    Phone = parse.GetValue(phone),
                    From = Time(parse.GetValue(from), "--from"),
                    To = Time(parse.GetValue(to), "--to"),
                    Cursor = parse.GetValue(cursor),
                    Limit = parse.GetValue(limit),
                };
                var page = await context.Api.Orders.ListAsync(query, cancellationToken);
                context.PrintLast("Orders", ["id", "status", "channel", "warehouse", "phone", "amount", "placedAt", "holds"], listProperty: "items");
                if (!context.Json && page.NextCursor is not null)
                {
                    context.Out.MarkupLineInterpolated($"[grey]more: --cursor {page.NextCursor}[/]");
                }

                return ExitCodes.Ok;
            });
    }

    private static Command Show()
    {
        var id = OrderId();
        return Command("show", "One order: status, lines, holds, approval, SLA, shipping.", id)
            .Runs(async (parse, context, cancellationToken) =>
            {
                await context.Api.Orders.GetAsync(parse.GetValue(id)!, cancellationToken);
                return context.PrintLast($"Order {parse.GetValue(id)}");
            });
    }

    private static Command History()
    {
        var id = OrderId();
        return Command("history", "The order's audit trail: who did what, when, and what changed.", id)
            .Runs(async (parse, context, cancellationToken) =>
            {
                await context.Api.Orders.HistoryAsync(parse.GetValue(id)!, cancellationToken);
                return context.PrintLast($"History of {parse.GetValue(id)}", ["version", "type", "actor", "at", "fromStatus", "toStatus", "reason"]);
            });
    }

    /// <summary>An ISO date (midnight UTC) or date-time; anything else is a usage error.</summary>
    public static DateTimeOffset? Time(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new CliUsageException($"{option} '{text}' is not a date; use e.g. 2026-11-01 or 2026-11-01T08:00:00Z.");
    }
}
