using System.Globalization;
using System.Text.RegularExpressions;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Rules;

namespace OrderActors.Grains.Orders;

/// <summary>The exception checks, pure: given an order and the rules, which holds it must carry.</summary>
public static class ExceptionChecker
{
    /// <summary>
    /// Phone patterns are configuration, so they run without backtracking: linear time whatever the pattern, and no
    /// match timeout that a CPU-starved silo could hit mid-checkout.
    /// </summary>
    internal const RegexOptions PhonePatternOptions = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public static IReadOnlyList<HoldFinding> CheckPlacement(
        PlaceOrder order, decimal total, IReadOnlyList<string> requiredApprovals, ExceptionRules rules, CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(requiredApprovals);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(context);
        var found = new List<HoldFinding>();
        found.AddRange(CheckAddress(order.Address, order.Channel, rules));
        if (rules.PhoneInvalid.Enabled && !IsValidPhone(order.Customer.Phone, rules.PhoneInvalid.Pattern))
        {
            found.Add(new(HoldCodes.PhoneInvalid, $"'{order.Customer.Phone}' is not a valid phone number."));
        }

        if (rules.PaymentNotReceived.Enabled && order.Paid && order.PaidAmount is { } paid && paid < total)
        {
            found.Add(PaymentShort(paid, total));
        }

        if (rules.InsufficientStock.Enabled && context.StockShort)
        {
            found.Add(new(HoldCodes.InsufficientStock, ShortageDetail(context.Shortage)));
        }

        if (rules.SuspectedDuplicate.Enabled && context.DuplicateOf is { } duplicateOf)
        {
            found.Add(new(HoldCodes.SuspectedDuplicate, $"Same items and address as order {duplicateOf}."));
        }

        if (rules.ApprovalThreshold.Enabled && requiredApprovals.Count > 0)
        {
            found.Add(new(HoldCodes.ApprovalThreshold, $"Amount {total.ToString(CultureInfo.InvariantCulture)} needs approval by {string.Join(", then ", requiredApprovals)}."));
        }

        if (rules.HighFrequencyBuyer.Enabled && context.RecentOrders > rules.HighFrequencyBuyer.MaxOrders)
        {
            found.Add(new(HoldCodes.HighFrequencyBuyer, $"{context.RecentOrders} orders within {rules.HighFrequencyBuyer.Window}."));
        }

        if (rules.BuyerRemark.Enabled && !string.IsNullOrWhiteSpace(order.BuyerNote)
            && rules.BuyerRemark.Keywords.FirstOrDefault(k => order.BuyerNote.Contains(k, StringComparison.OrdinalIgnoreCase)) is { } keyword)
        {
            found.Add(new(HoldCodes.BuyerRemark, $"The buyer note mentions '{keyword}'."));
        }

        if (rules.PromotionUnrecognised.Enabled && CheckPromotions(order.Promotions, rules.PromotionUnrecognised) is { } promotion)
        {
            found.Add(promotion);
        }

        if (rules.PriceAnomaly.Enabled && CheckPrices(order.Lines, rules.PriceAnomaly) is { } price)
        {
            found.Add(price);
        }

        if (rules.Blacklisted.Enabled && IsBlacklistedPhone(order.Customer.Phone, rules.Blacklisted))
        {
            found.Add(new(HoldCodes.Blacklisted, "The buyer's phone is blacklisted."));
        }

        return found.DistinctBy(f => f.Code).ToList();
    }

    /// <summary>The checks on an address alone (run again when the address changes), for an order from <paramref name="channel"/>.</summary>
    public static IReadOnlyList<HoldFinding> CheckAddress(ShippingAddress address, string channel, ExceptionRules rules)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(rules);
        var found = new List<HoldFinding>();
        var check = rules.AddressIncomplete;
        var needsDistrict = !check.DistrictOptionalChannels.Contains(channel, StringComparer.OrdinalIgnoreCase);
        if (check.Enabled && !IsComplete(address, check.MinDetailLength, needsDistrict))
        {
            found.Add(new(HoldCodes.AddressIncomplete, needsDistrict
                ? "Province, city, district and a street address are all needed."
                : "Province, city and a street address are all needed."));
        }

        var text = address.ToString();
        if (rules.Blacklisted.Enabled
            && rules.Blacklisted.AddressFragments.FirstOrDefault(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)) is { } fragment)
        {
            found.Add(new(HoldCodes.Blacklisted, $"The address matches the blacklist entry '{fragment}'."));
        }

        if (rules.UnserviceableRegion.Enabled && rules.UnserviceableRegion.Regions.FirstOrDefault(r => InRegion(address, r)) is { } region)
        {
            found.Add(new(HoldCodes.UnserviceableRegion, $"No delivery to {region}."));
        }

        return found;
    }

    public static HoldFinding PaymentShort(decimal paid, decimal total) =>
        new(HoldCodes.PaymentNotReceived, $"Received {paid.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)}.");

    public static bool IsComplete(ShippingAddress address, int minDetailLength, bool needsDistrict = true)
    {
        ArgumentNullException.ThrowIfNull(address);
        return !string.IsNullOrWhiteSpace(address.Province) && !string.IsNullOrWhiteSpace(address.City)
            && (!needsDistrict || !string.IsNullOrWhiteSpace(address.District)) && (address.Detail?.Trim().Length ?? 0) >= Math.Max(1, minDetailLength);
    }

    public static bool IsValidPhone(string? phone, string pattern)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return false;
        }

        // Every placement checks the phone: the separators are dropped into a buffer on the stack and the pattern is
        // matched on that span, not on a string built through LINQ (the same characters are matched).
        var compact = phone.Length <= 256 ? stackalloc char[phone.Length] : new char[phone.Length];
        var count = 0;
        foreach (var c in phone)
        {
            if (c is not (' ' or '-' or '(' or ')'))
            {
                compact[count++] = c;
            }
        }

        return Regex.IsMatch(compact[..count], pattern, PhonePatternOptions, Regex.InfiniteMatchTimeout);
    }

    private static bool IsBlacklistedPhone(string phone, BlacklistCheck check)
    {
        var normalized = PhoneNumbers.TryNormalize(phone, out var n) ? n : phone;
        return check.Phones.Any(p => string.Equals(PhoneNumbers.TryNormalize(p, out var b) ? b : p, normalized, StringComparison.Ordinal));
    }

    private static bool InRegion(ShippingAddress address, string region)
    {
        var parts = region.Split('/', 2, StringSplitOptions.TrimEntries);
        return string.Equals(parts[0], address.Province?.Trim(), StringComparison.OrdinalIgnoreCase)
            && (parts.Length == 1 || string.Equals(parts[1], address.City?.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The <c>insufficient_stock</c> hold's detail: which SKUs are short and by how much, when known.</summary>
    public static string ShortageDetail(string? shortage) =>
        shortage is null ? "Not every line could be reserved in full." : $"Not every line could be reserved in full: {shortage}.";

    private static HoldFinding? CheckPromotions(IReadOnlyList<string> promotions, PromotionCheck check)
    {
        if (check.KnownPromotions.Count == 0)
        {
            // No promotions listed: the seller has not said what runs, and every discounted order would be held.
            return null;
        }

        var codes = promotions.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = codes.FirstOrDefault(c => !check.KnownPromotions.Contains(c, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            return new(HoldCodes.PromotionUnrecognised, $"Unknown promotion '{unknown}'.");
        }

        if (codes.Count >= 2 && !check.AllowedCombinations.Any(c => c.Count == codes.Count && codes.All(x => c.Contains(x, StringComparer.OrdinalIgnoreCase))))
        {
            return new(HoldCodes.PromotionUnrecognised, $"The combination {string.Join(" + ", codes)} is not allowed.");
        }

        return null;
    }

    private static HoldFinding? CheckPrices(IReadOnlyList<OrderLineRequest> lines, PriceAnomalyCheck check)
    {
        foreach (var line in lines)
        {
            if (check.Floors.TryGetValue(line.Sku, out var floor) && line.UnitPrice < floor)
            {
                return new(HoldCodes.PriceAnomaly, $"{line.Sku} at {line.UnitPrice.ToString(CultureInfo.InvariantCulture)} is below its floor {floor.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (check.ReferencePrices.TryGetValue(line.Sku, out var reference)
                && (line.UnitPrice < reference * check.MinRatio || line.UnitPrice > reference * check.MaxRatio))
            {
                return new(HoldCodes.PriceAnomaly, $"{line.Sku} at {line.UnitPrice.ToString(CultureInfo.InvariantCulture)} is far from its reference {reference.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        return null;
    }
}
