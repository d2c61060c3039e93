using System.Text.Json;

namespace OrderActors.Api.Channels;

/// <summary>
/// The small path language of channel mappings: property names separated by dots, each optionally followed by an
/// array index (<c>shipping_address.name</c>, <c>post_addr.province.name</c>, <c>line_items[0].sku</c>).
/// </summary>
public static class JsonPath
{
    public static bool IsValid(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > 200)
        {
            return false;
        }

        foreach (var segment in path.Split('.'))
        {
            if (!TryParseSegment(segment, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The element at <paramref name="path"/>, or false when any step is missing or null.</summary>
    public static bool TryResolve(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        foreach (var segment in path.Split('.'))
        {
            if (!TryParseSegment(segment, out var name, out var index) || value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return false;
            }

            if (index is { } i)
            {
                if (value.ValueKind != JsonValueKind.Array || i >= value.GetArrayLength())
                {
                    return false;
                }

                value = value[i];
            }
        }

        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    private static bool TryParseSegment(string segment, out string name, out int? index)
    {
        name = segment;
        index = null;
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!segment.EndsWith(']') || !int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), out var i) || i < 0)
            {
                return false;
            }

            name = segment[..open];
            index = i;
        }

        return name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '$');
    }
}
