namespace OrderActors.Cli.Import;

/// <summary>
/// Splits a one-cell address as the Chinese platforms export it ("浙江省 杭州市 西湖区 文三路 100号") into province, city,
/// district and detail. Without spaces, the parts are found by their suffixes (省/自治区/市, 市/州/盟/地区, 区/县/旗).
/// </summary>
public static class AddressSplitter
{
    private static readonly string[] ProvinceEnds = ["自治区", "特别行政区", "省", "市"];
    private static readonly string[] CityEnds = ["自治州", "地区", "市", "州", "盟"];
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

    private static string? Take(ref string text, string[] endings)
    {
        var best = -1;
        var length = 0;
        foreach (var ending in endings)
        {
            var index = text.IndexOf(ending, StringComparison.Ordinal);
            if (index > 0 && index <= 8 && (best < 0 || index < best))
            {
                best = index;
                length = ending.Length;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var part = text[..(best + length)];
        text = text[(best + length)..].TrimStart();
        return part;
    }
}
