namespace OrderActors.Cli.Import;

/// <summary>
/// Splits a one-cell address as the Chinese platforms export it ("浙江省 杭州市 西湖区 文三路 100号") into province, city,
/// district and detail. Without spaces, the parts are found by their suffixes (自治区/省/市, then 自治州/地区/市/盟/州, then 区/县/旗/市).
/// </summary>
public static class AddressSplitter
{
    private static readonly string[] ProvinceEnds = ["自治区", "特别行政区", "省", "市"];
    private static readonly string[] CityEnds = ["自治州", "地区", "市", "盟", "州"];
    private static readonly string[] DistrictEnds = ["区", "县", "旗", "市"];

    public static (string? Province, string? City, string? District, string? Detail) Split(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return (null, null, null, null);
        }

        var parts = address.Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length >= 4)
        {
            return (parts[0], parts[1], parts[2], string.Join(' ', parts[3..]));
        }

        var rest = string.Concat(parts);
        var province = Take(ref rest, ProvinceEnds);
        var city = Take(ref rest, CityEnds);

        // Municipalities (北京市 …) repeat themselves as the city, or go straight to the district.
        if (province is not null && city is null && province.EndsWith('市'))
        {
            city = province;
        }

        var district = Take(ref rest, DistrictEnds);
        return (province, city, district, rest.Length == 0 ? null : rest);
    }

    /// <summary>Takes the leading part that ends with the first of <paramref name="endings"/> (in priority order) found near the start.</summary>
    private static string? Take(ref string text, string[] endings)
    {
        foreach (var ending in endings)
        {
            var index = text.IndexOf(ending, StringComparison.Ordinal);
            if (index > 0 && index <= 8)
            {
                var end = index + ending.Length;
                var part = text[..end];
                text = text[end..].TrimStart();
                return part;
            }
        }

        return null;
    }
}
