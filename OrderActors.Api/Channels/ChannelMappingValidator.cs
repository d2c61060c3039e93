using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;

namespace OrderActors.Api.Channels;

/// <summary>Checks a mapping document before it replaces the current one; a bad document is rejected whole, naming the field.</summary>
public static class ChannelMappingValidator
{
    /// <summary>Where to look for a field, first found wins: a handful, never thousands.</summary>
    private const int MaxPaths = 10;

    /// <summary>The values that mean true for a flag (a platform's status codes).</summary>
    private const int MaxTrueWhen = 50;

    /// <summary>
    /// The scales a number may be multiplied by: a unit, 10^-6 (micros) to 10^6. Anything else is a mistake (a rate, a
    /// pack size, a typo such as 1e20) that would only show later, as wrong amounts or as every webhook overflowing.
    /// </summary>
    private static readonly HashSet<decimal> Scales = [0.000001m, 0.00001m, 0.0001m, 0.001m, 0.01m, 0.1m, 1m, 10m, 100m, 1_000m, 10_000m, 100_000m, 1_000_000m];

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

            ValidateField(field, $"fields.{name}", validator, isTime: CanonicalFields.Times.Contains(name), isList: CanonicalFields.Lists.Contains(name));
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

    private static void ValidateField(FieldMapping? field, string name, Validator validator, bool isTime = false, bool isList = false)
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

        if (validator.AtMost(paths.Count, $"{name}.paths", MaxPaths))
        {
            for (var i = 0; i < paths.Count; i++)
            {
                if (!JsonPath.IsValid(paths[i], allowEvery: isList))
                {
                    validator.Add(
                        field.Paths is null ? $"{name}.path" : $"{name}.paths[{i}]",
                        isList
                            ? "is not a valid path (names separated by dots, optional [index], at most one [*] for every element)"
                            : $"is not a valid path (names separated by dots, optional [index]; [*] only in a list field: {string.Join(", ", CanonicalFields.Lists)})");
                }
            }
        }

        // A list no value can match makes the field false for every order (a channel's cancellations never cancel):
        // to mean "present and not false or 0", leave the list out.
        if (field.TrueWhen is { } trueWhen)
        {
            if (trueWhen.Count == 0)
            {
                validator.Add($"{name}.trueWhen", "lists the values that mean true; leave it out for \"present and not false or 0\"");
            }
            else if (validator.AtMost(trueWhen.Count, $"{name}.trueWhen", MaxTrueWhen))
            {
                for (var i = 0; i < trueWhen.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(trueWhen[i]))
                    {
                        validator.Add($"{name}.trueWhen[{i}]", "must be a value the payload sends (not blank)");
                    }
                }
            }
        }

        if (isList && (field.Scale is not null || field.TrueWhen is not null))
        {
            validator.Add(name, "is a list: it takes path, paths, join (the separator text values are split on) and default only");
        }
        else if (isList && field.Join is "")
        {
            validator.Add($"{name}.join", "splits text values into entries: it must not be empty");
        }

        if (field.Scale is { } scale && !Scales.Contains(scale))
        {
            validator.Add($"{name}.scale", "must be a power of ten from 0.000001 to 1000000 (0.01 for amounts in fen)");
        }

        // Checked here, not when a webhook comes: a unit no one reads would leave every pay time read as before, silently.
        if (field.Format is { } format)
        {
            if (!isTime)
            {
                validator.Add($"{name}.format", $"only a time field ({string.Join(", ", CanonicalFields.Times)}) takes a format");
            }
            else if (!TimeFormats.All.Contains(format, StringComparer.Ordinal))
            {
                validator.Add($"{name}.format", $"must be one of {string.Join(", ", TimeFormats.All)}");
            }
        }
    }
}
