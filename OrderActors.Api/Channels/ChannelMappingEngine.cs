using System.Globalization;
using System.Text.Json;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;

namespace OrderActors.Api.Channels;

/// <summary>
/// Applies a <see cref="ChannelMappingDocument"/> to a platform payload and validates the result. Field errors are named by
/// canonical field (<c>phone</c>, <c>lines[0].quantity</c>) and say which platform path they came from.
/// </summary>
public static class ChannelMappingEngine
{
    public static MappedOrder Map(string channel, JsonElement payload, ChannelMappingDocument mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var validator = new Validator();
        var fields = mapping.Fields ?? new Dictionary<string, FieldMapping>();

        string? Text(string name) => fields.TryGetValue(name, out var f) ? ReadText(payload, f, name, validator) : null;

        var externalOrderNo = Text(CanonicalFields.ExternalOrderNo);
        if (validator.Required(externalOrderNo, CanonicalFields.ExternalOrderNo, 64) && !externalOrderNo.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            validator.Add(CanonicalFields.ExternalOrderNo, "may contain only letters, digits, '-', '_' and '.'");
        }

        var phone = Normalize(Text(CanonicalFields.Phone));
        validator.Required(phone, CanonicalFields.Phone, 32);
        // A channel's amounts are its data and are taken, rounded to the cent as API amounts must be (Money).
        var paidAmount = ToCents(ReadDecimal(payload, fields, CanonicalFields.PaidAmount, validator));
        if (paidAmount < 0)
        {
            validator.Add(CanonicalFields.PaidAmount, "must not be negative");
        }
        else if (paidAmount > OrderValidation.MaxAmount)
        {
            // Not a payment; kept, an amount near decimal.MaxValue overflows what a merge adds to it.
            validator.Add(CanonicalFields.PaidAmount, string.Create(CultureInfo.InvariantCulture, $"must be at most {OrderValidation.MaxAmount}, the largest total an order can have"));
        }

        var lines = MapLines(payload, mapping.Lines, validator);
        var paidAt = MappedTime.Read(Text(CanonicalFields.PaidAt), fields.GetValueOrDefault(CanonicalFields.PaidAt)?.Format, CanonicalFields.PaidAt, validator);
        var paid = fields.TryGetValue(CanonicalFields.Paid, out var paidMapping) && ReadFlag(payload, paidMapping, CanonicalFields.Paid, validator);
        var cancelled = fields.TryGetValue(CanonicalFields.Cancelled, out var cancelledMapping) && ReadFlag(payload, cancelledMapping, CanonicalFields.Cancelled, validator);
        var refunded = fields.TryGetValue(CanonicalFields.Refunded, out var refundedMapping) && ReadFlag(payload, refundedMapping, CanonicalFields.Refunded, validator);
        var modifiedAt = fields.TryGetValue(CanonicalFields.ModifiedAt, out var modifiedMapping)
            ? MappedTime.Read(ReadText(payload, modifiedMapping, CanonicalFields.ModifiedAt, validator), modifiedMapping.Format, CanonicalFields.ModifiedAt, validator)
            : null;
        var partiallyRefunded = fields.TryGetValue(CanonicalFields.PartiallyRefunded, out var partialMapping)
            && ReadFlag(payload, partialMapping, CanonicalFields.PartiallyRefunded, validator);
        var presale = fields.TryGetValue(CanonicalFields.Presale, out var presaleMapping) && ReadFlag(payload, presaleMapping, CanonicalFields.Presale, validator);

        // Read before the check, like the required ones: text that cannot be read is a field error in these too.
        var customerName = Text(CanonicalFields.CustomerName);
        var province = Text(CanonicalFields.Province);
        var city = Text(CanonicalFields.City);
        var district = Text(CanonicalFields.District);
        var addressDetail = Text(CanonicalFields.AddressDetail);
        var buyerNote = Text(CanonicalFields.BuyerNote);
        var promotions = fields.TryGetValue(CanonicalFields.Promotions, out var promotionsMapping) ? ReadList(payload, promotionsMapping) : [];
        var tags = fields.TryGetValue(CanonicalFields.Tags, out var tagsMapping) ? ReadList(payload, tagsMapping) : [];

        validator.ThrowIfInvalid("channel.payload_invalid");
        return new MappedOrder
        {
            Channel = channel,
            ExternalOrderNo = externalOrderNo!,
            CustomerName = customerName,
            Phone = phone!,
            Province = province,
            City = city,
            District = district,
            AddressDetail = addressDetail,
            PaidAmount = paidAmount,
            Paid = paid,
            PaidAt = paidAt,
            BuyerNote = buyerNote,
            Cancelled = cancelled,
            Refunded = refunded,
            ModifiedAt = modifiedAt,
            PartiallyRefunded = partiallyRefunded,
            Presale = presale,
            Lines = lines,
            Promotions = promotions,
            Tags = tags,
        };
    }

    /// <summary>
    /// A list field: the text of every value its paths name (strings, numbers; text split on the mapping's
    /// <c>join</c> when it has one: Shopify's tags are one comma-separated string), trimmed, blanks and repeats left
    /// out; the default as the one entry when there is none. Never an error: the list only informs checks and allocation, and
    /// a marketplace order is not refused (and so never stored) over it. Past the limits it is cut: the first
    /// <see cref="OrderValidation.MaxListEntries"/> entries, each at most <see cref="OrderValidation.MaxListEntryLength"/>
    /// characters, cleaned as the channel's other text is (<see cref="TextRules.Clean"/>).
    /// </summary>
    private static List<string> ReadList(JsonElement payload, FieldMapping mapping)
    {
        var list = new List<string>();
        var elements = new List<JsonElement>();
        foreach (var path in mapping.Paths ?? (mapping.Path is { } one ? [one] : []))
        {
            JsonPath.ResolveAll(payload, path, elements);
        }

        foreach (var element in elements)
        {
            var text = element.ValueKind switch
            {
                JsonValueKind.String => TryGetString(element),
                JsonValueKind.Number => element.GetRawText(),
                _ => null,
            };
            if (mapping.Join is { Length: > 0 } separator && text is not null)
            {
                foreach (var part in text.Split(separator))
                {
                    AddEntry(list, part);
                }
            }
            else
            {
                AddEntry(list, text);
            }
        }

        if (list.Count == 0)
        {
            AddEntry(list, mapping.Default);
        }

        return list;
    }

    private static void AddEntry(List<string> list, string? text)
    {
        if (list.Count >= OrderValidation.MaxListEntries || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        text = TextRules.Clean(text, lineBreaks: false).Trim();
        if (text.Length > OrderValidation.MaxListEntryLength)
        {
            var cut = char.IsHighSurrogate(text[OrderValidation.MaxListEntryLength - 1]) ? OrderValidation.MaxListEntryLength - 1 : OrderValidation.MaxListEntryLength;
            text = text[..cut].TrimEnd();
        }

        if (text.Length > 0 && !list.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(text);
        }
    }

    private static string? TryGetString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            // Not valid text (see StringAt): left out, as a list field never refuses the order.
            return null;
        }
    }

    private static List<MappedLine> MapLines(JsonElement payload, LineMapping? mapping, Validator validator)
    {
        var lines = new List<MappedLine>();
        if (mapping?.Path is null || !JsonPath.TryResolve(payload, mapping.Path, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            validator.Add("lines", $"at least one line is required (mapped from {mapping?.Path})");
            return lines;
        }

        if (array.GetArrayLength() > OrderValidation.MaxLines)
        {
            // One error, not one or more per element: the order grain refuses the lines anyway, and a body of thousands
            // of bad lines would otherwise be answered with a problem as large as itself.
            validator.Add("lines", string.Create(CultureInfo.InvariantCulture, $"at most {OrderValidation.MaxLines} lines (mapped from {mapping.Path})"));
            return lines;
        }

        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var prefix = $"lines[{i}]";
            var sku = mapping.Sku is null ? null : ReadText(element, mapping.Sku, $"{prefix}.sku", validator);
            validator.Required(sku, $"{prefix}.sku", 64);
            var quantityField = $"{prefix}.quantity";
            var quantityText = mapping.Quantity is null ? null : ReadText(element, mapping.Quantity, quantityField, validator);
            var quantity = ParseDecimal(quantityText, mapping.Quantity?.Scale, quantityField, "is required and must be a number", validator);
            if (quantity is not null && (quantity <= 0 || quantity != decimal.Truncate(quantity.Value) || quantity > int.MaxValue))
            {
                validator.Add(quantityField, "must be a positive whole number");
            }

            decimal? unitPrice = null;
            var priceField = $"{prefix}.unitPrice";
            var priceText = mapping.UnitPrice is null ? null : ReadText(element, mapping.UnitPrice, priceField, validator);
            if (priceText is not null)
            {
                unitPrice = ToCents(ParseDecimal(priceText, mapping.UnitPrice!.Scale, priceField, "must be a non-negative number", validator));
                if (unitPrice < 0)
                {
                    validator.Add(priceField, "must be a non-negative number");
                }
            }

            if (sku is not null && quantity is > 0 and <= int.MaxValue)
            {
                lines.Add(new MappedLine(sku, (int)quantity.Value, unitPrice));
            }

            i++;
        }

        return lines;
    }

    /// <summary>
    /// The mapped text: first present path, or all present paths joined; else the default. Text that cannot be read is
    /// a field error on <paramref name="field"/> and counts as absent.
    /// </summary>
    /// <remarks>
    /// Written without a lambda or a list for the one-path case: every webhook reads a few dozen fields, and the
    /// closure (allocated on entry, since it captured <paramref name="source"/>) and the one-element list were ~2% of
    /// the bytes a webhook storm's silo allocated.
    /// </remarks>
    private static string? ReadText(JsonElement source, FieldMapping mapping, string field, Validator validator)
    {
        if (mapping.Paths is not { } paths)
        {
            // One path: joined or not, the text is that path's, trimmed.
            return mapping.Path is { } path && Scalar(source, path, field, validator) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : mapping.Default;
        }

        if (mapping.Join is not null)
        {
            List<string>? parts = null;
            foreach (var path in paths)
            {
                var part = Scalar(source, path, field, validator);
                if (!string.IsNullOrWhiteSpace(part))
                {
                    (parts ??= []).Add(part);
                }
            }

            return parts is not null ? string.Join(mapping.Join, parts).Trim() : mapping.Default;
        }

        foreach (var path in paths)
        {
            var value = Scalar(source, path, field, validator);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return mapping.Default;
    }

    private static bool ReadFlag(JsonElement payload, FieldMapping mapping, string field, Validator validator)
    {
        var text = ReadText(payload, mapping, field, validator);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return mapping.TrueWhen is null
            ? !text.Equals("false", StringComparison.OrdinalIgnoreCase) && text != "0"
            : mapping.TrueWhen.Contains(text, StringComparer.OrdinalIgnoreCase);
    }

    private static decimal? ReadDecimal(JsonElement payload, IReadOnlyDictionary<string, FieldMapping> fields, string name, Validator validator)
    {
        if (!fields.TryGetValue(name, out var mapping))
        {
            return null;
        }

        var text = ReadText(payload, mapping, name, validator);
        if (text is null)
        {
            return null;
        }

        return ParseDecimal(text, mapping.Scale, name, "must be a number", validator);
    }

    /// <summary>
    /// The number times the mapping's scale; else null and one error on <paramref name="field"/>: <paramref name="notANumber"/>,
    /// or, when the product is past <see cref="decimal"/>, that it is too large.
    /// </summary>
    /// <remarks>
    /// Checked, not caught: decimal multiplication throws <see cref="OverflowException"/>, which a scale above one turns
    /// a large but parseable number into. Mappings now only take scales up to 10^6, but ones stored before may have more.
    /// </remarks>
    private static decimal? ParseDecimal(string? text, decimal? scale, string field, string notANumber, Validator validator)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            validator.Add(field, notANumber);
            return null;
        }

        var factor = scale ?? 1m;
        if (factor > 1m && Math.Abs(value) > decimal.MaxValue / factor)
        {
            validator.Add(field, "is too large");
            return null;
        }

        return value * factor;
    }

    private static decimal? ToCents(decimal? amount) => amount is { } value ? Money.ToCents(value) : null;

    private static string? Normalize(string? phone) =>
        phone is null ? null : new string(phone.Where(c => c is not (' ' or '-' or '(' or ')')).ToArray());

    /// <summary>Whether <paramref name="field"/> is matched exactly (the order number, the buyer's phone, a line's SKU), so text in it is never cleaned.</summary>
    private static bool IsKey(string field) =>
        field is CanonicalFields.ExternalOrderNo or CanonicalFields.Phone || field.EndsWith(".sku", StringComparison.Ordinal);

    private static string? Scalar(JsonElement source, string path, string field, Validator validator)
    {
        if (!JsonPath.TryResolve(source, path, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => StringAt(value, path, field, validator),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>The string at <paramref name="path"/>, or a field error when it is not text the order can keep.</summary>
    /// <remarks>
    /// <see cref="JsonDocument"/> checks a string's UTF-8, and its <c>\u</c> escapes, only when the string is read: a raw
    /// 0xFF byte or a lone surrogate escape in a signed body throws <see cref="InvalidOperationException"/> here, where a
    /// parse error would have been a <see cref="JsonException"/>. Control and bidirectional characters, NUL among them, are
    /// cleaned out of free text (<see cref="TextRules.Clean"/>; the buyer note keeps its line breaks): storage cannot hold
    /// a NUL (PostgreSQL text has no U+0000), and a refusal of a sold order is retried for days or dropped. A NUL in a key
    /// (<see cref="IsKey"/>) is still refused: a key is matched exactly, and a cleaned one would be another order, phone or SKU.
    /// </remarks>
    private static string? StringAt(JsonElement value, string path, string field, Validator validator)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            validator.Add(field, $"is not valid text: invalid UTF-8 or an unpaired surrogate escape (mapped from {path})");
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal) && IsKey(field))
        {
            validator.Add(field, $"must not contain the NUL character U+0000 (mapped from {path}); a key is not cleaned");
            return null;
        }

        // The channel's text is kept, not refused (the order is sold already, and a refusal is retried for days), but
        // cleaned to the rule API bodies are held to, so an order's text obeys one rule whichever way it came.
        return TextRules.Clean(text, lineBreaks: field == CanonicalFields.BuyerNote);
    }
}
