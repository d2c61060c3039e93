using System.Diagnostics.CodeAnalysis;

namespace OrderActors.Grains.Customers;

/// <summary>Normalises phone numbers into customer grain keys: digits only, without a +86 / 0086 country prefix.</summary>
public static class PhoneNumbers
{
    /// <summary>
    /// Digits only (spaces, dashes, brackets, dots and a leading + dropped; full-width digits accepted), the Chinese
    /// country prefix (86 on an 13-digit number, 0086) removed. Valid: a Chinese mobile (11 digits starting with 1) or
    /// any other number of 7–15 digits. Otherwise a <c>customer.invalid_phone</c> validation error on <paramref name="field"/>.
    /// </summary>
    public static string Normalize(string? phone, string field = "phone") =>
        TryNormalize(phone, out var normalized)
            ? normalized
            : throw DomainException.Validation("customer.invalid_phone", field, $"'{phone}' is not a valid phone number.");

    /// <summary>Like <see cref="Normalize"/>, without throwing.</summary>
    public static bool TryNormalize(string? phone, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 40)
        {
            return false;
        }

        // At most 40 characters: the digits go to the stack and only the result becomes a string (this runs several
        // times for every order: validation, the customer key, the order's index).
        Span<char> digits = stackalloc char[40];
        var count = 0;
        foreach (var raw in phone.AsSpan().Trim())
        {
            var c = raw is >= '０' and <= '９' ? (char)(raw - '０' + '0') : raw;
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.' or '+' or '\u3000' or '＋' or '－'))
            {
                return false;
            }
        }

        ReadOnlySpan<char> value = digits[..count];
        if (value.StartsWith("0086", StringComparison.Ordinal))
        {
            value = value[4..];
        }
        else if (value.Length == 13 && value.StartsWith("861", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        var mobile = value.Length == 11 && value[0] == '1';
        var other = value.Length is >= 7 and <= 15 && value[0] != '1';
        if (!mobile && !other)
        {
            return false;
        }

        normalized = phone.Length == value.Length && phone.AsSpan().SequenceEqual(value) ? phone : new string(value);
        return true;
    }
}
