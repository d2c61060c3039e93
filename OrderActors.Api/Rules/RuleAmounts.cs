using System.Globalization;
using OrderActors.Api.Errors;
using OrderActors.Grains.Rules;

namespace OrderActors.Api.Rules;

/// <summary>
/// The amounts of money in a rule section are whole cents, as an order's are (<see cref="Money"/>): an approval tier's
/// <c>minAmount</c>, and the price anomaly check's reference prices and floors. A tier from <c>50000.005</c> or a floor of
/// <c>9.999</c> compares against amounts that are always whole cents, so the extra digits only make the boundary one
/// nobody can read off the section. A sub-cent amount is a 400 naming the field before the rules grain is asked, so the
/// section stays as it was. Ratios are not money and keep their digits.
/// </summary>
public static class RuleAmounts
{
    public static void Check(ApprovalRules? rules)
    {
        var validator = new Validator();
        var tiers = rules?.Tiers ?? [];
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i] is { } tier)
            {
                WholeCents(validator, tier.MinAmount, string.Create(CultureInfo.InvariantCulture, $"tiers[{i}].minAmount"));
            }
        }

        validator.ThrowIfInvalid();
    }

    public static void Check(ExceptionRules? rules)
    {
        var validator = new Validator();
        Prices(validator, rules?.PriceAnomaly?.ReferencePrices, "priceAnomaly.referencePrices");
        Prices(validator, rules?.PriceAnomaly?.Floors, "priceAnomaly.floors");
        validator.ThrowIfInvalid();
    }

    private static void Prices(Validator validator, IReadOnlyDictionary<string, decimal>? prices, string field)
    {
        foreach (var (sku, price) in prices ?? new Dictionary<string, decimal>())
        {
            WholeCents(validator, price, $"{field}.{sku}");
        }
    }

    private static void WholeCents(Validator validator, decimal amount, string field)
    {
        if (!Money.IsWholeCents(amount))
        {
            validator.Add(field, $"must have at most {Money.Decimals} decimal places");
        }
    }
}
