using System.Globalization;
using System.Text.RegularExpressions;

namespace OrderActors.Grains.Rules;

/// <summary>Validates a whole rule section; the first bad field rejects it whole (<c>validation.*</c> with the field path).</summary>
public static class RulesValidator
{
    /// <summary>The roles approvals can be asked of.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["admin", "cs", "warehouse", "finance", "sales", "integration"];

    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(30);

    public static void Validate(AllocationRules rules)
    {
        Require(rules, "allocation");
        Require(rules.Rules, "rules");
        for (var i = 0; i < rules.Rules.Count; i++)
        {
            var rule = rules.Rules[i];
            var at = Path("rules", i);
            Require(rule, at);
            Text(rule.Warehouse, at + ".warehouse");
            Texts(rule.Provinces, at + ".provinces");
            Texts(rule.Cities, at + ".cities");
            Texts(rule.Categories, at + ".categories");
            Texts(rule.Skus, at + ".skus");
            Texts(rule.Channels, at + ".channels");
            Texts(rule.Tags, at + ".tags");
            Texts(rule.ExcludeCategories, at + ".excludeCategories");
        }
    }

    public static void Validate(ExceptionRules rules)
    {
        Require(rules, "exceptions");
        Require(rules.AddressIncomplete, "addressIncomplete");
        if (rules.AddressIncomplete.MinDetailLength is < 1 or > 100)
        {
            throw Range("addressIncomplete.minDetailLength", "1 to 100");
        }

        Texts(rules.AddressIncomplete.DistrictOptionalChannels, "addressIncomplete.districtOptionalChannels");

        Require(rules.PhoneInvalid, "phoneInvalid");
        Text(rules.PhoneInvalid.Pattern, "phoneInvalid.pattern");
        try
        {
            _ = new Regex(rules.PhoneInvalid.Pattern, Orders.ExceptionChecker.PhonePatternOptions);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw DomainException.Validation("validation.invalid", "phoneInvalid.pattern", "Not a valid regular expression.");
        }

        foreach (var (check, name) in new[] { (rules.PaymentNotReceived, "paymentNotReceived"), (rules.InsufficientStock, "insufficientStock"), (rules.ApprovalThreshold, "approvalThreshold") })
        {
            Require(check, name);
        }

        Require(rules.SuspectedDuplicate, "suspectedDuplicate");
        Span(rules.SuspectedDuplicate.Window, "suspectedDuplicate.window", MaxSpan);

        Require(rules.HighFrequencyBuyer, "highFrequencyBuyer");
        if (rules.HighFrequencyBuyer.MaxOrders is < 1 or > 10_000)
        {
            throw Range("highFrequencyBuyer.maxOrders", "1 to 10000");
        }

        Span(rules.HighFrequencyBuyer.Window, "highFrequencyBuyer.window", TimeSpan.FromDays(365));
        Require(rules.BuyerRemark, "buyerRemark");
        Texts(rules.BuyerRemark.Keywords, "buyerRemark.keywords");
        Require(rules.PromotionUnrecognised, "promotionUnrecognised");
        Texts(rules.PromotionUnrecognised.KnownPromotions, "promotionUnrecognised.knownPromotions");
        Require(rules.PromotionUnrecognised.AllowedCombinations, "promotionUnrecognised.allowedCombinations");
        for (var i = 0; i < rules.PromotionUnrecognised.AllowedCombinations.Count; i++)
        {
            var at = Path("promotionUnrecognised.allowedCombinations", i);
            var combination = rules.PromotionUnrecognised.AllowedCombinations[i];
            Texts(combination, at);
            if (combination.Count < 2)
            {
                throw DomainException.Validation("validation.invalid", at, "A combination has at least two promotions.");
            }

            if (combination.FirstOrDefault(c => !rules.PromotionUnrecognised.KnownPromotions.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            {
                throw DomainException.Validation("validation.invalid", at, $"'{unknown}' is not a known promotion.");
            }
        }

        var price = rules.PriceAnomaly;
        Require(price, "priceAnomaly");
        if (price.MinRatio <= 0 || price.MinRatio >= 1)
        {
            throw Range("priceAnomaly.minRatio", "greater than 0 and less than 1");
        }

        if (price.MaxRatio <= 1 || price.MaxRatio > 1000)
        {
            throw Range("priceAnomaly.maxRatio", "greater than 1, at most 1000");
        }

        Prices(price.ReferencePrices, "priceAnomaly.referencePrices");
        Prices(price.Floors, "priceAnomaly.floors");
        Require(rules.Blacklisted, "blacklisted");
        Texts(rules.Blacklisted.Phones, "blacklisted.phones");
        Texts(rules.Blacklisted.AddressFragments, "blacklisted.addressFragments");
        Require(rules.UnserviceableRegion, "unserviceableRegion");
        Texts(rules.UnserviceableRegion.Regions, "unserviceableRegion.regions");
        for (var i = 0; i < rules.UnserviceableRegion.Regions.Count; i++)
        {
            var parts = rules.UnserviceableRegion.Regions[i].Split('/');
            if (parts.Length > 2 || parts.Any(string.IsNullOrWhiteSpace))
            {
                throw DomainException.Validation("validation.invalid", Path("unserviceableRegion.regions", i), "A region is 'province' or 'province/city'.");
            }
        }
    }

    public static void Validate(ApprovalRules rules)
    {
        Require(rules, "approval");
        Require(rules.Tiers, "tiers");
        var previous = 0m;
        for (var i = 0; i < rules.Tiers.Count; i++)
        {
            var tier = rules.Tiers[i];
            var at = Path("tiers", i);
            Require(tier, at);
            if (tier.MinAmount <= previous)
            {
                throw DomainException.Validation("validation.out_of_range", at + ".minAmount", "Tier amounts are positive and ascending.");
            }

            if (!Roles.Contains(tier.Role, StringComparer.Ordinal))
            {
                throw DomainException.Validation("validation.invalid", at + ".role", $"The role is one of {string.Join(", ", Roles)}.");
            }

            previous = tier.MinAmount;
        }
    }

    public static void Validate(SlaRules rules)
    {
        Require(rules, "sla");
        Span(rules.Review, "review", MaxSpan);
        Span(rules.Payment, "payment", MaxSpan);
        Span(rules.Allocation, "allocation", MaxSpan);
        Span(rules.Packing, "packing", MaxSpan);
        Span(rules.Shipping, "shipping", MaxSpan);
        Span(rules.Untouched, "untouched", MaxSpan);
    }

    private static string Path(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}]");

    private static void Require(object? value, string field)
    {
        if (value is null)
        {
            throw DomainException.Validation("validation.required", field, $"{field} is required.");
        }
    }

    private static void Text(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            throw DomainException.Validation("validation.required", field, $"{field} is a non-empty text of at most 200 characters.");
        }
    }

    private static void Texts(IReadOnlyList<string>? values, string field)
    {
        Require(values, field);
        for (var i = 0; i < values!.Count; i++)
        {
            Text(values[i], Path(field, i));
        }
    }

    private static void Prices(IReadOnlyDictionary<string, decimal>? prices, string field)
    {
        Require(prices, field);
        foreach (var (sku, value) in prices!)
        {
            Text(sku, field);
            if (value < 0)
            {
                throw Range($"{field}.{sku}", "0 or more");
            }
        }
    }

    private static void Span(TimeSpan value, string field, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            throw Range(field, $"greater than 0 and at most {max}");
        }
    }

    private static DomainException Range(string field, string range) =>
        DomainException.Validation("validation.out_of_range", field, $"{field} must be {range}.");
}
