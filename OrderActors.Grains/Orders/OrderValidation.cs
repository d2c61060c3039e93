using System.Globalization;

namespace OrderActors.Grains.Orders;

/// <summary>Input validation of order commands: a bad field is a <c>validation.*</c> error naming the field, before anything changes.</summary>
public static class OrderValidation
{
    public const int MaxLines = 200;
    public const int MaxQuantity = 100_000;
    public const decimal MaxUnitPrice = 100_000_000m;

    /// <summary>The longest description of a tracking event (a carrier's scan).</summary>
    public const int MaxTrackingDescription = 500;

    /// <summary>The most promotions, and the most tags, an order keeps.</summary>
    public const int MaxListEntries = 20;

    /// <summary>The longest promotion or tag.</summary>
    public const int MaxListEntryLength = 50;

    /// <summary>The largest amount an order can come to (every line at its largest); a payment above it is not a payment.</summary>
    public const decimal MaxAmount = MaxLines * MaxQuantity * MaxUnitPrice;

    public static void Validate(PlaceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Required(order.Actor, "actor");
        Required(order.Channel, "channel", 32);
        if (!order.Channel.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.'))
        {
            throw DomainException.Validation("validation.invalid", "channel", "The channel is lower-case letters, digits, '_' or '.'.");
        }

        Required(order.ExternalOrderNo, "externalOrderNo", 64);
        if (order.ExternalOrderNo.Any(char.IsWhiteSpace))
        {
            throw DomainException.Validation("validation.invalid", "externalOrderNo", "The order number contains whitespace.");
        }

        Required(order.Shop, "shop", 64);
        if (order.Customer is null)
        {
            throw DomainException.Validation("validation.required", "customer", "The customer is required.");
        }

        Required(order.Customer.Name, "customer.name", 100);
        Required(order.Customer.Phone, "customer.phone", 40);
        if (order.Address is null)
        {
            throw DomainException.Validation("validation.required", "address", "The address is required.");
        }

        MaxLength(order.Address.Province, "address.province", 50);
        MaxLength(order.Address.City, "address.city", 50);
        MaxLength(order.Address.District, "address.district", 50);
        MaxLength(order.Address.Detail, "address.detail", 300);
        MaxLength(order.BuyerNote, "buyerNote", 1000);
        ValidateLines(order.Lines);
        if (order.PaymentMethod is not (PaymentMethods.Online or PaymentMethods.CashOnDelivery))
        {
            throw DomainException.Validation("validation.invalid", "paymentMethod", $"The payment method is '{PaymentMethods.Online}' or '{PaymentMethods.CashOnDelivery}'.");
        }

        Amount(order.PaidAmount, "paidAmount");

        if ((order.Promotions ?? []).Count > MaxListEntries || (order.Tags ?? []).Count > MaxListEntries)
        {
            throw DomainException.Validation("validation.out_of_range", (order.Promotions ?? []).Count > MaxListEntries ? "promotions" : "tags", $"At most {MaxListEntries} entries.");
        }

        MaxLength(order.PaymentId, "paymentId", 100);
        Entries(order.Promotions, "promotions");
        Entries(order.Tags, "tags");
    }

    /// <summary>A paid amount: 0 to <see cref="MaxAmount"/>.</summary>
    public static void Amount(decimal? amount, string field)
    {
        if (amount is < 0 or > MaxAmount)
        {
            throw DomainException.Validation("validation.out_of_range", field, string.Create(CultureInfo.InvariantCulture, $"The amount is 0 to {MaxAmount:N0}."));
        }
    }

    /// <summary>Each entry present, at most <see cref="MaxListEntryLength"/> characters.</summary>
    private static void Entries(IReadOnlyList<string>? values, string field)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            Required(values![i], string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), MaxListEntryLength);
        }
    }

    public static void ValidateLines(IReadOnlyList<OrderLineRequest>? lines)
    {
        if (lines is null || lines.Count == 0)
        {
            throw DomainException.Validation("validation.required", "lines", "An order needs at least one line.");
        }

        if (lines.Count > MaxLines)
        {
            throw DomainException.Validation("validation.out_of_range", "lines", $"At most {MaxLines} lines.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i] ?? throw DomainException.Validation("validation.required", $"lines[{i}]", "The line is empty.");
            var prefix = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            Required(line.Sku, prefix + ".sku", 64);
            if (line.Quantity is <= 0 or > MaxQuantity)
            {
                throw DomainException.Validation("validation.out_of_range", prefix + ".quantity", $"The quantity is 1 to {MaxQuantity}.");
            }

            if (line.UnitPrice is < 0 or > MaxUnitPrice)
            {
                throw DomainException.Validation("validation.out_of_range", prefix + ".unitPrice", string.Create(CultureInfo.InvariantCulture, $"The unit price is 0 to {MaxUnitPrice:N0}."));
            }

            MaxLength(line.Category, prefix + ".category", 50);
        }
    }

    public static void Validate(ShippingAddress? address)
    {
        if (address is null)
        {
            throw DomainException.Validation("validation.required", "address", "The address is required.");
        }

        MaxLength(address.Province, "address.province", 50);
        MaxLength(address.City, "address.city", 50);
        MaxLength(address.District, "address.district", 50);
        MaxLength(address.Detail, "address.detail", 300);
    }

    public static void Required(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Validation("validation.required", field, $"{field} is required.");
        }

        MaxLength(value, field, maxLength);
    }

    /// <summary>
    /// At most <paramref name="maxLength"/> characters, and no NUL: storage refuses it (SQLite and PostgreSQL text),
    /// so a NUL that got this far failed the write after the stock had already moved.
    /// </summary>
    public static void MaxLength(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            throw DomainException.Validation("validation.too_long", field, $"{field} is at most {maxLength} characters.");
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw DomainException.Validation("validation.invalid", field, $"{field} contains the character U+0000 (NUL).");
        }
    }
}
