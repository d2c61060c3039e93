using System.Globalization;

namespace OrderActors.Runtime.Storage;

/// <summary>Formats values for <see cref="IndexEntry"/> so that ordinal text order equals value order.</summary>
public static class IndexValues
{
    /// <summary>UTC, fixed width: <c>2026-11-21T08:00:00.0000000Z</c>.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A non-negative decimal, zero-padded to 20 integer digits and 4 decimals.</summary>
    public static string Number(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value.ToString("0000000000000000000.0000", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The value <see cref="Number"/> wrote, without the padding's trailing zeros (<c>20.0000</c> is <c>20</c>), so that a
    /// figure read back from the index is shown as it was written; false when <paramref name="text"/> is not a number.
    /// </summary>
    public static bool TryParseNumber(string? text, out decimal value)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed / 1.0000000000000000000000000000m;
            return true;
        }

        value = 0m;
        return false;
    }

    /// <summary><see cref="TryParseNumber"/>, 0 for a text that is not a number.</summary>
    public static decimal ParseNumber(string? text) => TryParseNumber(text, out var value) ? value : 0m;
}
