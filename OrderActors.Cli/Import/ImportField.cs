namespace OrderActors.Cli.Import;

/// <summary>The columns an import understands, named as the API's canonical order fields (plus <see cref="Address"/>, a full address to split).</summary>
public static class ImportField
{
    public const string OrderNo = "externalOrderNo";
    public const string CustomerName = "customerName";
    public const string Phone = "phone";
    public const string Province = "province";
    public const string City = "city";
    public const string District = "district";
    public const string AddressDetail = "addressDetail";
    public const string Address = "address";
    public const string PaidAmount = "paidAmount";
    public const string PaidAt = "paidAt";
    public const string BuyerNote = "buyerNote";
    public const string Sku = "sku";
    public const string Quantity = "quantity";
    public const string UnitPrice = "unitPrice";

    /// <summary>The order's promotions: several in one cell, separated as <see cref="CsvList"/> says.</summary>
    public const string Promotions = "promotions";

    /// <summary>The order's tags: several in one cell, separated as <see cref="CsvList"/> says.</summary>
    public const string Tags = "tags";

    public static IReadOnlyList<string> All { get; } =
        [OrderNo, CustomerName, Phone, Province, City, District, AddressDetail, Address, PaidAmount, PaidAt, BuyerNote, Sku, Quantity, UnitPrice, Promotions, Tags];

    /// <summary>
    /// List fields: the order's list is every entry of every row (a sub-order's promotion is the order's too), so rows of one
    /// order never disagree on them.
    /// </summary>
    public static IReadOnlyList<string> Lists { get; } = [Promotions, Tags];

    /// <summary>Columns an import cannot do without.</summary>
    public static IReadOnlyList<string> Required { get; } = [OrderNo, Sku, Quantity];

    /// <summary>Order-level fields: every row of one order must agree on them.</summary>
    public static IReadOnlyList<string> OrderLevel { get; } =
        [CustomerName, Phone, Province, City, District, AddressDetail, Address, PaidAmount, PaidAt, BuyerNote];
}
