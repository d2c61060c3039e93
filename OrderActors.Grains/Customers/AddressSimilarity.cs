using System.Globalization;

namespace OrderActors.Grains.Customers;

/// <summary>
/// Compares Chinese delivery addresses the way channels write them differently: full-width and half-width forms,
/// spaces and punctuation, with or without the 省/市/区/县 suffixes, the region repeated inside the detail line.
/// Similarity is 1 − Levenshtein distance ÷ the longer length, over the normalised text.
/// </summary>
public static class AddressSimilarity
{
    private static readonly string[] ProvinceSuffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"];
    private static readonly string[] CitySuffixes = ["自治州", "地区", "市", "盟"];
    private static readonly string[] DistrictSuffixes = ["自治县", "新区", "区", "县", "市", "旗"];

    /// <summary>The normalised form: region parts without their suffixes, then the detail without a repeated region prefix.</summary>
    public static string Normalize(CustomerAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var province = StripSuffix(Clean(address.Province), ProvinceSuffixes);
        var rawCity = Clean(address.City);
        var city = rawCity is "市辖区" or "市辖县" or "县" ? province : StripSuffix(rawCity, CitySuffixes);
        var district = StripSuffix(Clean(address.District), DistrictSuffixes);
        var detail = Clean(address.Detail);
        detail = StripRegionPrefix(detail, province, ProvinceSuffixes);
        detail = StripRegionPrefix(detail, city, CitySuffixes);
        detail = StripRegionPrefix(detail, district, DistrictSuffixes);

        // Municipalities (北京, 上海…) repeat the province as the city.
        return province == city ? province + district + detail : province + city + district + detail;
    }

    /// <summary>How alike two addresses are, from 0 (nothing in common) to 1 (the same once normalised).</summary>
    public static double Compare(CustomerAddress left, CustomerAddress right) => Similarity(Normalize(left), Normalize(right));

    /// <summary>Similarity of two already normalised addresses.</summary>
    public static double Similarity(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Length == 0 && right.Length == 0)
        {
            return 1;
        }

        var longer = Math.Max(left.Length, right.Length);
        return 1.0 - ((double)Levenshtein(left, right) / longer);
    }

    /// <summary>Full-width to half-width, lower case, without whitespace, punctuation or symbols.</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // The cleaned text is never longer than the value: build it on the stack (or in one array when long), not in a
        // StringBuilder, and keep the value itself when nothing was dropped or changed.
        var buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var count = 0;
        foreach (var raw in value)
        {
            var c = raw switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
                '\u3000' => ' ',
                _ => raw,
            };
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || category == UnicodeCategory.Format)
            {
                continue;
            }

            buffer[count++] = char.ToLowerInvariant(c);
        }

        var cleaned = buffer[..count];
        return cleaned.SequenceEqual(value) ? value : new string(cleaned);
    }

    private static string StripSuffix(string value, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (value.Length > suffix.Length && value.EndsWith(suffix, StringComparison.Ordinal))
            {
                return value[..^suffix.Length];
            }
        }

        return value;
    }

    /// <summary>Drops the region name (and its suffix, if written) from the start of the detail line.</summary>
    private static string StripRegionPrefix(string detail, string name, string[] suffixes)
    {
        if (name.Length == 0 || !detail.StartsWith(name, StringComparison.Ordinal))
        {
            return detail;
        }

        detail = detail[name.Length..];
        foreach (var suffix in suffixes)
        {
            if (detail.StartsWith(suffix, StringComparison.Ordinal))
            {
                return detail[suffix.Length..];
            }
        }

        return detail;
    }

    private static int Levenshtein(string a, string b)
    {
        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        // Two rows of the distance table; on the stack for the usual address (every order compares its address to the
        // customer's known ones).
        var previous = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        var current = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
