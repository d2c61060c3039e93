using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OrderActors.Api.Errors;

/// <summary>Collects field errors of one request; <see cref="ThrowIfInvalid"/> raises them together as one 400.</summary>
public sealed class Validator
{
    // Made by the first error: nearly every request has none, and each makes a validator.
    private Dictionary<string, List<string>>? _errors;

    public bool IsValid => _errors is null;

    public void Add(string field, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    public bool Required([NotNullWhen(true)] string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return false;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
            return false;
        }

        return true;
    }

    /// <summary>A string that may be left out, but when given is not blank and at most <paramref name="maxLength"/> long.</summary>
    public bool Optional(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "must not be blank (leave it out instead)");
            return false;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
            return false;
        }

        return true;
    }

    public bool Required<T>([NotNullWhen(true)] T? value, string field)
        where T : class
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        return true;
    }

    public bool Positive([NotNullWhen(true)] int? value, string field)
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        if (value <= 0)
        {
            Add(field, "must be positive");
            return false;
        }

        return true;
    }

    public bool NotNegative([NotNullWhen(true)] int? value, string field)
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        if (value < 0)
        {
            Add(field, "must not be negative");
            return false;
        }

        return true;
    }

    public bool NotNegative([NotNullWhen(true)] decimal? value, string field)
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        if (value < 0)
        {
            Add(field, "must not be negative");
            return false;
        }

        return true;
    }

    /// <summary>
    /// An amount of money: given, not negative, and in whole cents (<see cref="Money"/>): <c>10.001</c> is not an amount
    /// anyone can pay or refund, and sums of such amounts drifted from what the channel and the bank show.
    /// </summary>
    public bool Amount([NotNullWhen(true)] decimal? value, string field)
    {
        if (!NotNegative(value, field))
        {
            return false;
        }

        if (!Money.IsWholeCents(value.Value))
        {
            Add(field, $"must have at most {Money.Decimals} decimal places");
            return false;
        }

        return true;
    }

    /// <summary>
    /// A code or id (SKU, warehouse, order id, waybill) is plain text: no control character (U+0007) and no format
    /// character (U+202E, which turns the text around on screen; U+200B, which is not seen at all). Surrounding
    /// whitespace is trimmed off before codes are used, so it is not looked at. Free text (notes, reasons, addresses)
    /// keeps its tabs and newlines.
    /// </summary>
    public bool PlainCode(string? value, string field)
    {
        if (value is not null && HasHiddenCharacters(value.AsSpan().Trim()))
        {
            Add(field, "must not contain control or format characters (such as U+0007 or U+202E)");
            return false;
        }

        return true;
    }

    /// <summary>A list of at most <paramref name="max"/> entries (a list sent with thousands is refused, not stored).</summary>
    public bool AtMost(int count, string field, int max)
    {
        if (count > max)
        {
            Add(field, $"must have at most {max} entries");
            return false;
        }

        return true;
    }

    /// <summary>A required code: <see cref="Required(string?, string, int)"/>, then <see cref="PlainCode"/>.</summary>
    public bool RequiredCode([NotNullWhen(true)] string? value, string field, int maxLength) =>
        Required(value, field, maxLength) && PlainCode(value, field);

    /// <summary>An optional code: <see cref="Optional"/>, then <see cref="PlainCode"/>.</summary>
    public bool OptionalCode(string? value, string field, int maxLength) =>
        Optional(value, field, maxLength) && PlainCode(value, field);

    /// <summary>Whether <paramref name="text"/> holds a control or format character (see <see cref="PlainCode"/>).</summary>
    public static bool HasHiddenCharacters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A time range <c>[from, to)</c> that holds some time: <c>from</c> before <c>to</c>, else an error on <c>from</c>. One
    /// check for every endpoint that takes a range, so none answers an empty 200 where another answers 400.
    /// </summary>
    public bool TimeRange(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from >= to)
        {
            Add("from", "must be before to");
            return false;
        }

        return true;
    }

    /// <summary>A count a caller asks for (a page size, a top-N): 1 to <paramref name="max"/>, refused rather than clamped.</summary>
    public bool Limit(int value, string field, int max)
    {
        if (value < 1 || value > max)
        {
            Add(field, $"must be between 1 and {max}");
            return false;
        }

        return true;
    }

    public void ThrowIfInvalid(string code = "request.invalid")
    {
        if (_errors is not null)
        {
            throw new RequestValidationException(code, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
