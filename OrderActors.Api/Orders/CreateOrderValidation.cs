using System.Buffers;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;

namespace OrderActors.Api.Orders;

/// <summary>Checks an own-store checkout field by field (all errors at once) and turns it into the grain's <see cref="PlaceOrder"/>.</summary>
public static class CreateOrderValidation
{
    public const int MaxLines = 200;

    private const int MaxSkuLength = 64;

    private static readonly SearchValues<char> OrderNoChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    public static async Task<PlaceOrder> ToCommandAsync(CreateOrderRequest request, string actor, IGrainFactory grains, KnownSkuCache knownSkus)
    {
        ArgumentNullException.ThrowIfNull(knownSkus);
        ArgumentNullException.ThrowIfNull(request);
        var validator = new Validator();
        if (validator.Required(request.ExternalOrderNo, "externalOrderNo", 64)
            && request.ExternalOrderNo.AsSpan().ContainsAnyExcept(OrderNoChars))
        {
            validator.Add("externalOrderNo", "may contain only letters, digits, '-', '_' and '.'");
        }

        if (validator.Required(request.Customer, "customer"))
        {
            validator.Required(request.Customer.Name, "customer.name", 100);
            validator.Required(request.Customer.Phone, "customer.phone", 32);
        }

        if (validator.Required(request.Address, "address"))
        {
            validator.Required(request.Address.Province, "address.province", 50);
            validator.Required(request.Address.City, "address.city", 50);
            validator.Required(request.Address.District, "address.district", 50);
            validator.Required(request.Address.Detail, "address.detail", 300);
        }

        if (request.Lines is null || request.Lines.Count == 0)
        {
            validator.Add("lines", "at least one line is required");
        }
        else if (request.Lines.Count > MaxLines)
        {
            validator.Add("lines", $"at most {MaxLines} lines");
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                if (line is null)
                {
                    validator.Add($"lines[{i}]", "is required");
                    continue;
                }

                if (IsWellFormed(line))
                {
                    // Nothing below would object: skip it, and with it three field names built for every line.
                    continue;
                }

                validator.RequiredCode(line.Sku, $"lines[{i}].sku", MaxSkuLength);

                if (validator.Positive(line.Quantity, $"lines[{i}].quantity") && line.Quantity > StockErrors.MaxQuantity)
                {
                    validator.Add($"lines[{i}].quantity", $"must be at most {StockErrors.MaxQuantity}");
                }

                validator.Amount(line.UnitPrice, $"lines[{i}].unitPrice");
            }
        }

        if (request.PaymentMethod is not null and not (PaymentMethods.Online or PaymentMethods.CashOnDelivery))
        {
            validator.Add("paymentMethod", $"must be {PaymentMethods.Online} or {PaymentMethods.CashOnDelivery}");
        }

        validator.ThrowIfInvalid();
        await RequireKnownSkusAsync(request.Lines!, grains, knownSkus, validator);
        validator.ThrowIfInvalid("order.unknown_sku");

        return new PlaceOrder
        {
            Channel = OrderKeys.OwnChannel,
            ExternalOrderNo = request.ExternalOrderNo!.Trim(),
            Customer = new CustomerContact(request.Customer!.Name!.Trim(), request.Customer.Phone!.Trim()),
            Address = new ShippingAddress(request.Address!.Province!.Trim(), request.Address.City!.Trim(), request.Address.District!.Trim(), request.Address.Detail!.Trim()),
            Lines = ToLines(request.Lines!),
            BuyerNote = request.BuyerNote,
            PaymentMethod = request.PaymentMethod ?? PaymentMethods.Online,
            Presale = request.Presale ?? false,
            Tags = request.Tags ?? [],
            Promotions = request.Promotions ?? [],
            Actor = actor,
        };
    }

    /// <summary>What the line checks above accept, so a valid line needs no field names (they are built only for errors).</summary>
    private static bool IsWellFormed(OrderLineInput line) =>
        !string.IsNullOrWhiteSpace(line.Sku) && line.Sku.Length <= MaxSkuLength && !Validator.HasHiddenCharacters(line.Sku.AsSpan().Trim())
        && line.Quantity is > 0 and <= StockErrors.MaxQuantity
        && line.UnitPrice is >= 0 && Money.IsWholeCents(line.UnitPrice.Value);

    private static OrderLineRequest[] ToLines(IReadOnlyList<OrderLineInput> lines)
    {
        var result = new OrderLineRequest[lines.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var l = lines[i];
            result[i] = new OrderLineRequest(l.Sku!.Trim(), l.Quantity!.Value, l.UnitPrice!.Value, l.Category);
        }

        return result;
    }

    /// <summary>
    /// A SKU that was never received into any warehouse and has no presale allowance is unknown: an own-store order for
    /// it is a mistake, not a shortage. A SKU already seen with a warehouse is not asked again (<see cref="KnownSkuCache"/>):
    /// asking cost a SKU grain turn per line of every checkout.
    /// </summary>
    private static async Task RequireKnownSkusAsync(IReadOnlyList<OrderLineInput> lines, IGrainFactory grains, KnownSkuCache knownSkus, Validator validator)
    {
        // Made only when a SKU is not known yet (nearly never once the silo has seen its SKUs).
        Dictionary<string, bool>? checkedSkus = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var sku = lines[i].Sku!.Trim();
            if (knownSkus.Contains(sku))
            {
                continue;
            }

            checkedSkus ??= new Dictionary<string, bool>(StringComparer.Ordinal);
            if (!checkedSkus.TryGetValue(sku, out var known))
            {
                var stock = await grains.GetGrain<ISkuStockGrain>(sku).GetAsync();
                known = stock.Warehouses.Count > 0 || stock.PresaleAllowance > 0;
                checkedSkus[sku] = known;
                if (stock.Warehouses.Count > 0)
                {
                    knownSkus.Add(sku);
                }
            }

            if (!known)
            {
                validator.Add($"lines[{i}].sku", $"unknown SKU '{sku}'");
            }
        }
    }
}
