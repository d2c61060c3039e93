namespace OrderActors.Client.Contracts;

/// <summary>
/// <c>POST /api/orders</c>: an own-store checkout (send an <c>Idempotency-Key</c> header so a retry returns the first answer).
/// <c>presale: true</c> marks an order the storefront sold as a presale; an order whose reservation draws on a SKU's presale
/// allowance is one anyway.
/// </summary>
public sealed record CreateOrderRequest(
    string? ExternalOrderNo,
    CustomerInput? Customer,
    AddressInput? Address,
    IReadOnlyList<OrderLineInput>? Lines,
    string? BuyerNote = null,
    string? PaymentMethod = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? Promotions = null,
    bool? Presale = null);
