using System.Globalization;
using System.Text.Json.Nodes;
using OrderActors.Client.Contracts;

namespace OrderActors.Cli.Import;

/// <summary>
/// Builds the channel's own webhook payload for an order from its CSV rows by running the channel's field mapping
/// (<c>GET /api/channels/{channel}/mapping</c>) backwards: each canonical value is written where the mapping reads it from.
/// The service then maps, validates and dedups it exactly like a delivery from the platform, so an import and a webhook can
/// never disagree, and a channel configured only by mapping can be imported too.
/// </summary>
public sealed class PayloadBuilder(ChannelMappingDocument mapping)
{
    private static readonly string[] OrderFields =
        [ImportField.OrderNo, ImportField.CustomerName, ImportField.Phone, ImportField.Province, ImportField.City, ImportField.District, ImportField.AddressDetail, ImportField.PaidAmount, ImportField.PaidAt, ImportField.BuyerNote];

    /// <summary>
    /// Refuses, before anything is sent, a file that gives promotions or tags the channel's mapping does not read: the
    /// service would drop them without a word, and the seller put the column there to have them.
    /// </summary>
    public void EnsureMapped(string channel, IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var name in ImportField.Lists)
        {
            if (mapping.Fields?.ContainsKey(name) != true && rows.Any(r => r.Get(name).Length > 0))
            {
                throw new CliUsageException(
                    $"the file gives {name}, which the mapping of channel '{channel}' does not read, so they would be dropped: add a '{name}' field to the mapping (PUT /api/channels/{channel}/mapping) or leave the column out.");
            }
        }
    }

    public JsonObject Build(ImportOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var payload = new JsonObject();
        var fields = mapping.Fields ?? new Dictionary<string, FieldMapping>();
        var values = OrderValues(order);
        foreach (var name in OrderFields)
        {
            if (values.TryGetValue(name, out var value) && value.Length > 0 && fields.TryGetValue(name, out var field))
            {
                Write(payload, field, name == ImportField.PaidAt ? PayTime.InUnitOf(field, value) : value, numeric: name == ImportField.PaidAmount);
            }
        }

        if (fields.TryGetValue("paid", out var paid) && values.TryGetValue(ImportField.PaidAt, out var paidAt) && paidAt.Length > 0)
        {
            WritePaidFlag(payload, paid, paidAt);
        }

        foreach (var name in ImportField.Lists)
        {
            if (fields.TryGetValue(name, out var field))
            {
                WriteList(payload, field, order.List(name));
            }
        }

        WriteLines(payload, order);
        return payload;
    }

    /// <summary>
    /// A list where the mapping reads it: one text joined with the mapping's <c>join</c> (Shopify's tags), an array of
    /// objects through a <c>[*]</c> step (Taobao's <c>promotion_details.promotion_detail[*].promotion_name</c>), or else an
    /// array of texts at the path.
    /// </summary>
    private static void WriteList(JsonObject payload, FieldMapping field, IReadOnlyList<string> entries)
    {
        if (entries.Count == 0 || Target(field) is not { } path)
        {
            return;
        }

        if (field.Join is { Length: > 0 } join)
        {
            Put(payload, path, JsonValue.Create(string.Join(join, entries)));
            return;
        }

        var every = path.IndexOf("[*]", StringComparison.Ordinal);
        var rest = every < 0 ? string.Empty : path[(every + 3)..].TrimStart('.');
        var array = new JsonArray();
        foreach (var entry in entries)
        {
            if (rest.Length == 0)
            {
                array.Add(JsonValue.Create(entry));
            }
            else
            {
                var element = new JsonObject();
                Put(element, rest, JsonValue.Create(entry));
                array.Add(element);
            }
        }

        Put(payload, every < 0 ? path : path[..every], array);
    }

    private static Dictionary<string, string> OrderValues(ImportOrder order)
    {
        var values = ImportField.All.ToDictionary(f => f, order.Value, StringComparer.Ordinal);
        if (values[ImportField.Address].Length > 0 && values[ImportField.Province].Length == 0)
        {
            var (province, city, district, detail) = AddressSplitter.Split(values[ImportField.Address]);
            values[ImportField.Province] = province ?? string.Empty;
            values[ImportField.City] = city ?? string.Empty;
            values[ImportField.District] = district ?? string.Empty;
            values[ImportField.AddressDetail] = detail ?? values[ImportField.Address];
        }

        return values;
    }

    private void WriteLines(JsonObject payload, ImportOrder order)
    {
        var lines = mapping.Lines ?? throw new CliUsageException("the channel's mapping has no lines section, so orders cannot be imported for it.");
        var array = new JsonArray();
        foreach (var row in order.Rows)
        {
            var line = new JsonObject();
            if (lines.Sku is not null)
            {
                Write(line, lines.Sku, row.Get(ImportField.Sku), numeric: false);
            }

            if (lines.Quantity is not null)
            {
                Write(line, lines.Quantity, row.Get(ImportField.Quantity), numeric: true);
            }

            var price = row.Get(ImportField.UnitPrice);
            if (lines.UnitPrice is not null && price.Length > 0)
            {
                Write(line, lines.UnitPrice, price, numeric: true);
            }

            array.Add(line);
        }

        Put(payload, lines.Path ?? throw new CliUsageException("the channel's mapping has no lines path."), array);
    }

    private static void WritePaidFlag(JsonObject payload, FieldMapping paid, string paidAt)
    {
        var path = Target(paid);
        if (path is null || Resolve(payload, path) is not null)
        {
            return;
        }

        Put(payload, path, JsonValue.Create(paid.TrueWhen is { Count: > 0 } trueWhen ? trueWhen[0] : paidAt));
    }

    private static void Write(JsonObject target, FieldMapping field, string value, bool numeric)
    {
        var path = Target(field);
        if (path is null)
        {
            return;
        }

        // Amounts go out plain (1,299.00 as 1299.00): the service reads numbers, not an export's grouping.
        if (numeric && CsvAmount.TryParse(value, out var number))
        {
            value = (field.Scale is { } scale && scale != 0m ? number / scale : number).ToString(CultureInfo.InvariantCulture);
        }

        Put(target, path, JsonValue.Create(value));
    }

    /// <summary>Where a value goes: the mapping's path, or the first of its paths (the others are fallbacks or parts of a join).</summary>
    private static string? Target(FieldMapping field) => field.Path ?? field.Paths?.FirstOrDefault();

    private static JsonNode? Resolve(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(segment, out var next) ? next : null;
        }

        return node;
    }

    private static void Put(JsonObject root, string path, JsonNode? value)
    {
        var segments = path.Split('.');
        var current = root;
        foreach (var segment in segments[..^1])
        {
            if (segment.Contains('[', StringComparison.Ordinal))
            {
                throw new CliUsageException($"the channel's mapping path '{path}' uses an array index, which an import cannot fill.");
            }

            if (current[segment] is not JsonObject child)
            {
                child = new JsonObject();
                current[segment] = child;
            }

            current = child;
        }

        current[segments[^1]] = value;
    }
}
