using System.CommandLine;
using OrderActors.Client.Contracts;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary>Every order transition as a subcommand of <c>orders</c>; each prints the order as it is afterwards.</summary>
public static class OrderTransitionCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Pay();
        yield return WithReason("cancel", "Cancel (before packing): releases its stock.", required: true, (api, id, reason, ct) => api.Orders.CancelAsync(id, reason, ct));
        yield return Approve();
        yield return Allocate();
        yield return Simple("pack", "Mark packed.", (api, id, ct) => api.Orders.PackAsync(id, ct));
        yield return Ship();
        yield return Simple("deliver", "Mark delivered.", (api, id, ct) => api.Orders.DeliverAsync(id, ct));
        yield return Simple("complete", "Complete a delivered order.", (api, id, ct) => api.Orders.CompleteAsync(id, ct));
        yield return WithReason("split", "Split into parts that single warehouses can ship (parts keep a link to the original).", required: false, (api, id, reason, ct) => api.Orders.SplitAsync(id, reason, ct));
        yield return WithReason("return", "Request a return (or intercept an order not yet shipped).", required: true, (api, id, reason, ct) => api.Orders.RequestReturnAsync(id, reason, ct));
        yield return ReceiveReturn();
        yield return ReleaseHold();
        yield return Merge();
        yield return SetAddress();
    }

    private static Command Run(Command command, Func<ParseResult, CliContext, CancellationToken, Task<OrderDto>> call, Func<ParseResult, string> title) =>
        command.Runs(async (parse, context, cancellationToken) =>
        {
            await call(parse, context, cancellationToken);
            return context.PrintLast(title(parse));
        });

    private static Command Simple(string name, string description, Func<Client.Http.OrderActorsClient, string, CancellationToken, Task<OrderDto>> call)
    {
        var id = OrderCommands.OrderId();
        return Run(Command(name, description, id), (parse, context, ct) => call(context.Api, parse.GetValue(id)!, ct), parse => $"Order {parse.GetValue(id)}");
    }

    private static Command WithReason(string name, string description, bool required, Func<Client.Http.OrderActorsClient, string, string?, CancellationToken, Task<OrderDto>> call)
    {
        var id = OrderCommands.OrderId();
        var reason = Option<string?>("--reason", "Why (kept in the order's history).", required);
        return Run(Command(name, description, id, reason), (parse, context, ct) => call(context.Api, parse.GetValue(id)!, parse.GetValue(reason), ct), parse => $"Order {parse.GetValue(id)}");
    }

    private static Command Pay()
    {
        var id = OrderCommands.OrderId();
        var paymentId = Option<string>("--payment-id", "The payment's reference.", required: true);
        var amount = Option<decimal>("--amount", "The amount paid.", required: true);
        return Run(
            Command("pay", "Confirm payment.", id, paymentId, amount),
            (parse, context, ct) => context.Api.Orders.PayAsync(parse.GetValue(id)!, new PaymentRequest(parse.GetValue(paymentId), parse.GetValue(amount)), ct),
            parse => $"Order {parse.GetValue(id)}");
    }

    private static Command Approve()
    {
        var id = OrderCommands.OrderId();
        var role = Option<string?>("--role", "The approving role (default: the next one the order needs).");
        var comment = Option<string?>("--comment", "A note kept with the approval.");
        return Run(
            Command("approve", "Approve an order that needs approval.", id, role, comment),
            (parse, context, ct) => context.Api.Orders.ApproveAsync(parse.GetValue(id)!, new ApproveRequest(parse.GetValue(role), parse.GetValue(comment)), ct),
            parse => $"Order {parse.GetValue(id)}");
    }

    private static Command Allocate()
    {
        var id = OrderCommands.OrderId();
        var warehouse = Option<string?>("--warehouse", "The warehouse (default: the allocation rules choose).");
        return Run(
            Command("allocate", "Allocate to a warehouse.", id, warehouse),
            (parse, context, ct) => context.Api.Orders.AllocateAsync(parse.GetValue(id)!, parse.GetValue(warehouse), ct),
            parse => $"Order {parse.GetValue(id)}");
    }

    private static Command Ship()
    {
        var id = OrderCommands.OrderId();
        var carrier = Option<string>("--carrier", "The carrier, e.g. SF or ZTO.", required: true);
        var waybill = Option<string>("--waybill", "The waybill number.", required: true);
        return Run(
            Command("ship", "Mark shipped with carrier and waybill.", id, carrier, waybill),
            (parse, context, ct) => context.Api.Orders.ShipAsync(parse.GetValue(id)!, new ShipRequest(parse.GetValue(carrier), parse.GetValue(waybill)), ct),
            parse => $"Order {parse.GetValue(id)}");
    }

    private static Command ReceiveReturn()
    {
        var id = OrderCommands.OrderId();
        var warehouse = Option<string?>("--warehouse", "The receiving warehouse (default: the one that shipped).");
        var refund = Option<decimal?>("--refund-amount", "The refund (default: what was paid).");
        return Run(
            Command("receive-return", "The warehouse received the return: restock and record a credit note.", id, warehouse, refund),
            (parse, context, ct) => context.Api.Orders.ReceiveReturnAsync(parse.GetValue(id)!, new ReceiveReturnRequest(parse.GetValue(warehouse), parse.GetValue(refund)), ct),
            parse => $"Order {parse.GetValue(id)}");
    }

    private static Command ReleaseHold()
    {
        var id = OrderCommands.OrderId();
        var code = Argument("code", "The hold's code, e.g. address.incomplete (see 'orders show').");
        // The API requires a reason (it is the hold's audit trail): asking for it here fails before anything is sent.
        var reason = Option<string?>("--reason", "Why it may go on.", required: true);
        return Run(
            Command("release-hold", "Release one hold (open exception) so the order can advance.", id, code, reason),
            (parse, context, ct) => context.Api.Orders.ReleaseHoldAsync(parse.GetValue(id)!, parse.GetValue(code)!, parse.GetValue(reason), ct),
            parse => $"Order {parse.GetValue(id)}");
    }

    private static Command Merge()
    {
        var target = Argument("target-order-id", "The order the others are merged into.");
        var others = new Argument<string[]>("other-order-ids") { Description = "The orders merged into it.", Arity = ArgumentArity.OneOrMore };
        var reason = Option<string?>("--reason", "Why.");
        return Run(
            Command("merge", "Merge open orders of the same customer and address into one.", target, others, reason),
            (parse, context, ct) => context.Api.Orders.MergeAsync(new MergeRequest(parse.GetValue(target), parse.GetValue(others), parse.GetValue(reason)), ct),
            parse => $"Order {parse.GetValue(target)}");
    }

    private static Command SetAddress()
    {
        var id = OrderCommands.OrderId();
        var province = Option<string?>("--province", "Province.");
        var city = Option<string?>("--city", "City.");
        var district = Option<string?>("--district", "District.");
        var detail = Option<string?>("--detail", "Street and number.");
        var reason = Option<string>("--reason", "Why (kept with the old and new values).", required: true);
        return Run(
            Command("set-address", "Change the shipping address (parts not given stay as they are).", id, province, city, district, detail, reason),
            (parse, context, ct) => context.Api.Orders.ChangeAddressAsync(
                parse.GetValue(id)!,
                new AddressPatchRequest(parse.GetValue(province), parse.GetValue(city), parse.GetValue(district), parse.GetValue(detail), parse.GetValue(reason)),
                ct),
            parse => $"Order {parse.GetValue(id)}");
    }
}
