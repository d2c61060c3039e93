using System.CommandLine;
using System.Net;
using OrderActors.Client.Contracts;
using OrderActors.Client.Http;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>stock show|receive|count|settings</c>.</summary>
public static class StockCommands
{
    public static Command Create() => Group("stock", "Stock per SKU and warehouse.", Show(), Receive(), Count(), Settings());

    private static Argument<string> Sku() => Argument("sku", "The SKU code.");

    private static Command Show()
    {
        var sku = Sku();
        return Command("show", "On hand, reserved, allocated and sellable, per warehouse.", sku)
            .Runs(async (parse, context, ct) =>
            {
                await context.Api.Stock.GetAsync(parse.GetValue(sku)!, ct);
                return context.PrintLast($"Stock {parse.GetValue(sku)}");
            });
    }

    private static Command Receive()
    {
        var sku = Sku();
        var warehouse = Option<string>("--warehouse", "The receiving warehouse.", required: true);
        var quantity = Option<int>("--quantity", "Units received (more than 0).", required: true);
        var receiptId = Option<string?>("--receipt-id", "The receipt's reference; a retry with the same one changes nothing (default: a new one, shown if no answer comes).");
        return Command("receive", "Goods received into a warehouse.", sku, warehouse, quantity, receiptId)
            .Runs(async (parse, context, ct) =>
            {
                // Without a reference a resent receipt counts the goods twice; with one the CLI chose, a retry after a
                // lost answer can pass it and count them once.
                var given = parse.GetValue(receiptId);
                var id = given ?? $"cli-{Guid.NewGuid():N}";
                try
                {
                    await context.Api.Stock.ReceiveAsync(parse.GetValue(sku)!, new StockReceiptRequest(parse.GetValue(warehouse), parse.GetValue(quantity), id), ct);
                }
                catch (Exception e) when (given is null && CliRetryHintException.NoAnswer(e))
                {
                    throw new CliRetryHintException($"To run it again without counting the goods twice, add --receipt-id {id}.", e);
                }

                return context.PrintLast($"Stock {parse.GetValue(sku)}");
            });
    }

    private static Command Count()
    {
        var sku = Sku();
        var warehouse = Option<string>("--warehouse", "The counted warehouse.", required: true);
        var onHand = Option<int>("--on-hand", "The units physically there.", required: true);
        return Command("count", "Record a physical count: the warehouse's on-hand becomes the counted figure.", sku, warehouse, onHand)
            .Runs(async (parse, context, ct) =>
            {
                await context.Api.Stock.CountAsync(parse.GetValue(sku)!, new StockCountRequest(parse.GetValue(warehouse), parse.GetValue(onHand)), ct);
                return context.PrintLast($"Stock {parse.GetValue(sku)}");
            });
    }

    private static Command Settings()
    {
        var sku = Sku();
        var safety = Option<int?>("--safety-stock", "Units never sold.");
        var low = Option<int?>("--low-stock-threshold", "Sellable at or below this is 'low'.");
        var presale = Option<int?>("--presale-allowance", "Units that may be sold before they arrive.");
        var ifVersion = Option<int?>("--if-version", "Change only if the settings are still at this version (settingsVersion in 'stock show').");
        // A version is never negative: sent as If-Match it drew a 412 saying someone had changed the settings.
        // Read the token, not the value (a validator also runs when the value did not parse; see 'grains list --top').
        ifVersion.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 0)
            {
                result.AddError("--if-version must be 0 or more: the settingsVersion that 'stock show' gives.");
            }
        });
        return Command("settings", "Set safety stock, low-stock threshold and presale allowance (those not given keep their current values).", sku, safety, low, presale, ifVersion)
            .Runs(async (parse, context, ct) =>
            {
                var (code, newSafety, newLow, newPresale, expected) = (parse.GetValue(sku)!, parse.GetValue(safety), parse.GetValue(low), parse.GetValue(presale), parse.GetValue(ifVersion));
                if (newSafety is null && newLow is null && newPresale is null)
                {
                    throw new CliUsageException("give at least one of --safety-stock, --low-stock-threshold, --presale-allowance.");
                }

                // Only the settings given are sent (PATCH), and the SKU's grain keeps the others in the same turn: two
                // operators changing different settings at the same moment both keep their change, with no read first.
                try
                {
                    await context.Api.Stock.ChangeSettingsAsync(code, new StockSettingsRequest(newSafety, newLow, newPresale), expected, ct);
                }
                catch (OrderActorsApiException changed) when (changed.Status == HttpStatusCode.PreconditionFailed)
                {
                    throw new OrderActorsApiException(
                        changed.Status,
                        changed.Code,
                        changed.Title,
                        $"the settings of {code} are no longer at version {expected}: someone changed them, and nothing was changed now. " +
                        $"Look at them with 'stock show {code}' (settingsVersion) and run again with that --if-version");
                }

                return context.PrintLast($"Stock {code}");
            });
    }
}
