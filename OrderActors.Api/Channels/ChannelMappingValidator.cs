using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;

namespace OrderActors.Api.Channels;

/// <summary>Checks a mapping document before it replaces the current one; a bad document is rejected whole, naming the field.</summary>
public static class ChannelMappingValidator
{
    public static void Validate(ChannelMappingDocument? mapping)
    {
        var validator = new Validator();
        if (mapping is null)
        {
            validator.Add("body", "is required");
            validator.ThrowIfInvalid("channel.mapping_invalid");
            return;
        }

        var fields = mapping.Fields ?? new Dictionary<string, FieldMapping>();
        foreach (var required in CanonicalFields.Required)
        {
            if (!fields.ContainsKey(required))
            {
                validator.Add($"fields.{required}", "is required");
            }
        }

        foreach (var (name, field) in fields)
        {
            if (!CanonicalFields.All.Contains(name))
            {
                validator.Add($"fields.{name}", $"is not a canonical field; use one of {string.Join(", ", CanonicalFields.All)}");
                continue;
            }

            ValidateField(field, $"fields.{name}", validator);
        }

        if (mapping.Lines is null)
        {
            validator.Add("lines", "is required");
        }
        else
        {
            if (!JsonPath.IsValid(mapping.Lines.Path))
            {
                validator.Add("lines.path", "must be a path such as line_items or data.items");
            }

            ValidateField(mapping.Lines.Sku, "lines.sku", validator);
            ValidateField(mapping.Lines.Quantity, "lines.quantity", validator);
            if (mapping.Lines.UnitPrice is not null)
            {
                ValidateField(mapping.Lines.UnitPrice, "lines.unitPrice", validator);
            }
        }

        validator.ThrowIfInvalid("channel.mapping_invalid");
    }

    public static bool IsValidChannelName(string channel) =>
        channel.Length is >= 2 and <= 32 && channel.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static void ValidateField(FieldMapping? field, string name, Validator validator)
    {
        if (field is null)
        {
            validator.Add(name, "is required");
            return;
        }

        var paths = field.Paths ?? (field.Path is null ? [] : [field.Path]);
        if (paths.Count == 0 && field.Default is null)
        {
            validator.Add(name, "needs a path, paths or a default");
        }

        for (var i = 0; i < paths.Count; i++)
        {
            if (!JsonPath.IsValid(paths[i]))
            {
                validator.Add(field.Paths is null ? $"{name}.path" : $"{name}.paths[{i}]", "is not a valid path (names separated by dots, optional [index])");
            }
        }

        if (field.Scale is <= 0)
        {
            validator.Add($"{name}.scale", "must be positive");
        }

        // The default and the joiner end up in the order as they are: the engine's NUL check on payload text never sees them.
        RejectNul(field.Default, $"{name}.default", validator);
        RejectNul(field.Join, $"{name}.join", validator);
    }

    private static void RejectNul(string? text, string name, Validator validator)
    {
        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            validator.Add(name, "must not contain the NUL character U+0000");
        }
    }
}
