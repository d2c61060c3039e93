namespace OrderActors.Grains.Orders;

/// <summary>
/// What a text shown over the API reveals beyond its code: the buyer's personal data (name, phone, address) or money
/// (amounts, prices, refunds). Declared where the text is made, so that an answer can leave it out for a caller who may
/// not see that (design §7: no amounts for warehouse, no PII for finance and sales).
/// </summary>
[Flags]
public enum SensitiveData
{
    None = 0,
    PersonalData = 1,
    Amounts = 2,

    /// <summary>Both; what a text of unknown content is taken to reveal.</summary>
    All = PersonalData | Amounts,
}
