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
}
