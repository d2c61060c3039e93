namespace OrderActors.Grains.Stock;

/// <summary>The stock domain's error codes and their exceptions, in one place so codes stay stable.</summary>
public static class StockErrors
{
    public const int MaxQuantity = 100_000_000;

    /// <summary>
    /// The most a SKU may hold across warehouses plus its presale allowance: every quantity derived from it (on-hand,
    /// reserved + allocated, sellable) then fits the <c>int</c> it is counted in.
    /// </summary>
    public const int MaxTotal = int.MaxValue;

    public static DomainException InvalidQuantity(string field, int value) =>
        DomainException.Validation("stock.invalid_quantity", field, $"{field} must be between 1 and {MaxQuantity:N0}; got {value}.");

    public static DomainException NegativeQuantity(string field, int value) =>
        DomainException.Validation("stock.invalid_quantity", field, $"{field} must be between 0 and {MaxQuantity:N0}; got {value}.");

    public static DomainException TotalTooLarge(string field, long total) =>
        DomainException.Validation(
            "stock.total_too_large",
            field,
            $"{field} would take the SKU's on-hand across all warehouses plus its presale allowance to {total:N0}; at most {MaxTotal:N0}.");

    public static DomainException Required(string field) =>
        DomainException.Validation($"stock.{ToSnake(field)}_required", field, $"{field} is required.");

    /// <summary>The settings moved on since the version the caller read (its <c>If-Match</c>); nothing was changed.</summary>
    public static DomainException SettingsChanged(string sku, int expected, int current) =>
        DomainException.PreconditionFailed(
            "stock.settings_changed",
            $"The settings of {sku} changed since version {expected} (they are at version {current} now); nothing was changed. " +
            $"Read them again, apply your change to what they are now, and send it with If-Match: \"{current}\".",
            "If-Match");

    public static DomainException NotFound(string sku, string orderId) =>
        DomainException.NotFound("stock.reservation_not_found", $"Order {orderId} holds no stock of {sku}.");

    public static DomainException Closed(string sku, ClosedHolding closed) => closed.Status switch
    {
        HoldingStatus.Expired => DomainException.Conflict("stock.reservation_expired", $"Order {closed.OrderId}'s reservation of {sku} expired and was released."),
        HoldingStatus.Shipped => DomainException.Conflict("stock.already_shipped", $"Order {closed.OrderId}'s units of {sku} have shipped."),
        _ => DomainException.Conflict("stock.reservation_released", $"Order {closed.OrderId}'s reservation of {sku} was released."),
    };

    public static void ThrowIfInvalid(int value, string field)
    {
        if (value is <= 0 or > MaxQuantity)
        {
            throw InvalidQuantity(field, value);
        }
    }

    public static void ThrowIfNegative(int value, string field)
    {
        if (value is < 0 or > MaxQuantity)
        {
            throw NegativeQuantity(field, value);
        }
    }

    public static void ThrowIfBlank(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            throw Required(field);
        }
    }

    private static string ToSnake(string field) =>
        string.Concat(field.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
