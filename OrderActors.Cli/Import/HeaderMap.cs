using System.Text.Json;

namespace OrderActors.Cli.Import;

/// <summary>
/// Which CSV header holds which <see cref="ImportField"/>: a channel's defaults (the headers of its back-office export, e.g.
/// Taobao's 订单编号, 收货人姓名 …), the field names themselves always, and overrides from a <c>--columns</c> JSON file
/// (<c>{"externalOrderNo": "Order ID", "sku": ["SKU", "商家编码"]}</c>).
/// </summary>
public sealed class HeaderMap
{
    private readonly Dictionary<string, List<string>> _aliases = new(StringComparer.Ordinal);

    public static HeaderMap Taobao { get; } = new HeaderMap()
        .Add(ImportField.OrderNo, "订单编号", "订单号", "tid")
        .Add(ImportField.CustomerName, "收货人姓名", "收货人", "receiver_name")
        .Add(ImportField.Phone, "联系手机", "收货人手机", "手机号", "联系电话", "receiver_mobile")
        .Add(ImportField.Province, "省", "省份", "receiver_state")
        .Add(ImportField.City, "市", "城市", "receiver_city")
        .Add(ImportField.District, "区", "区县", "receiver_district")
        .Add(ImportField.AddressDetail, "详细地址", "receiver_address")
        .Add(ImportField.Address, "收货地址")
        .Add(ImportField.PaidAmount, "实付金额", "买家实际支付金额", "payment")
        .Add(ImportField.PaidAt, "付款时间", "订单付款时间", "pay_time")
        .Add(ImportField.BuyerNote, "买家留言", "buyer_message")
        .Add(ImportField.Sku, "商家编码", "外部系统编号", "outer_sku_id")
        .Add(ImportField.Quantity, "宝贝数量", "购买数量", "数量", "num")
        .Add(ImportField.UnitPrice, "宝贝单价", "价格", "单价", "price");

    public static HeaderMap Generic { get; } = new();

    /// <summary>The defaults for a channel (Taobao/Tmall have Chinese export headers; others use the field names).</summary>
    public static HeaderMap For(string channel) => channel switch
    {
        "taobao" or "tmall" => Taobao,
        _ => Generic,
    };

    public HeaderMap Add(string field, params string[] headers)
    {
        if (!_aliases.TryGetValue(field, out var list))
        {
            _aliases[field] = list = [];
        }

        list.AddRange(headers);
        return this;
    }

    /// <summary>A copy with the overrides of a <c>--columns</c> file put first.</summary>
    public HeaderMap WithOverrides(string json)
    {
        var copy = new HeaderMap();
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException("the --columns file must be a JSON object: {\"<field>\": \"<header>\" or [\"<header>\", …]}.");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!ImportField.All.Contains(property.Name))
            {
                throw new CliUsageException($"the --columns file names '{property.Name}', which is not a field; use {string.Join(", ", ImportField.All)}.");
            }

            var headers = property.Value.ValueKind switch
            {
                JsonValueKind.String => [property.Value.GetString()!],
                JsonValueKind.Array => property.Value.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!).ToArray(),
                _ => throw new CliUsageException($"the --columns file maps '{property.Name}' to something that is not a header name or a list of them."),
            };
            copy.Add(property.Name, headers);
        }

        foreach (var (field, headers) in _aliases)
        {
            copy.Add(field, [.. headers]);
        }

        return copy;
    }

    /// <summary>Field → column index for these headers (the first alias present wins; the field's own name always works).</summary>
    public IReadOnlyDictionary<string, int> Resolve(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var trimmed = headers.Select(h => CsvValue.Clean(h)).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in ImportField.All)
        {
            var candidates = (_aliases.TryGetValue(field, out var list) ? list : []).Append(field);
            foreach (var candidate in candidates)
            {
                var index = trimmed.FindIndex(h => string.Equals(h, candidate, StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                {
                    columns[field] = index;
                    break;
                }
            }
        }

        return columns;
    }

    /// <summary>The headers that would be accepted for a field (for error messages).</summary>
    public IReadOnlyList<string> HeadersFor(string field) => [.. (_aliases.TryGetValue(field, out var list) ? list : []).Append(field)];
}
