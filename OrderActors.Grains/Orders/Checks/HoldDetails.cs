namespace OrderActors.Grains.Orders;

/// <summary>
/// What each hold's detail (the text <see cref="ExceptionChecker"/> writes) reveals, and a neutral text that says the
/// same without it. Holds are journaled with their detail as plain text, so this goes by code: it also covers holds
/// opened before it existed. A code not listed here is taken to reveal everything.
/// </summary>
public static class HoldDetails
{
    private const string OnHold = "The order is on hold.";

    private static readonly Dictionary<string, (SensitiveData Reveals, string Neutral)> ByCode = new(StringComparer.Ordinal)
    {
        // "'{phone}' is not a valid phone number."
        [HoldCodes.PhoneInvalid] = (SensitiveData.PersonalData, "The phone number is not valid."),

        // "The address matches the blacklist entry '{fragment of the address}'." (or the phone one, which names nothing)
        [HoldCodes.Blacklisted] = (SensitiveData.PersonalData, "The buyer's phone or address is blacklisted."),

        // "Received {paid} of {total}."
        [HoldCodes.PaymentNotReceived] = (SensitiveData.Amounts, "Less than the order total was received."),

        // "Amount {total} needs approval by {roles}." (the roles are in the order's approval)
        [HoldCodes.ApprovalThreshold] = (SensitiveData.Amounts, "The order amount needs approval."),

        // "{sku} at {price} is below its floor {floor}." / "... is far from its reference {price}."
        [HoldCodes.PriceAnomaly] = (SensitiveData.Amounts, "A unit price is outside its expected range."),

        // "The buyer of {id} (merged into this order) cancelled … take out {sku} × {quantity} …" (order ids and SKUs only)
        [HoldCodes.MergedOrderCancelled] = (SensitiveData.None, "A buyer of this merged shipment cancelled; some lines must come out."),

        // Fixed texts, or ones naming only what every role sees (an order id, the province and city, a rule's keyword).
        [HoldCodes.AddressIncomplete] = (SensitiveData.None, OnHold),
        [HoldCodes.InsufficientStock] = (SensitiveData.None, OnHold),
        [HoldCodes.SuspectedDuplicate] = (SensitiveData.None, OnHold),
        [HoldCodes.HighFrequencyBuyer] = (SensitiveData.None, OnHold),
        [HoldCodes.BuyerRemark] = (SensitiveData.None, OnHold),
        [HoldCodes.PromotionUnrecognised] = (SensitiveData.None, OnHold),
        [HoldCodes.UnserviceableRegion] = (SensitiveData.None, OnHold),
        [HoldCodes.AddressChangedOnChannel] = (SensitiveData.None, OnHold),
        [HoldCodes.PartiallyRefundedOnChannel] = (SensitiveData.None, OnHold),
    };

    /// <summary>What the detail of a hold with this code may reveal.</summary>
    public static SensitiveData RevealsOf(string code) =>
        ByCode.TryGetValue(code, out var rule) ? rule.Reveals : SensitiveData.All;

    /// <summary>The detail for a caller who may not see what <see cref="RevealsOf"/> names.</summary>
    public static string NeutralDetail(string code) =>
        ByCode.TryGetValue(code, out var rule) ? rule.Neutral : OnHold;
}
