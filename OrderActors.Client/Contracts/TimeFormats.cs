using System.Globalization;

namespace OrderActors.Client.Contracts;

/// <summary>
/// The units a mapping can declare for a time field (<c>format</c>). A platform sends one of them, always; a number in
/// seconds and one in milliseconds cannot be told apart by looking (1733560000000 ms is a year past 9999 in seconds), so
/// only the mapping can say. The CLI's import writes a CSV's pay time in the same unit.
/// </summary>
public static class TimeFormats
{
    /// <summary>Whole seconds since 1970-01-01 UTC.</summary>
    public const string UnixSeconds = "unix-s";

    /// <summary>Whole milliseconds since 1970-01-01 UTC (what many Chinese marketplaces' APIs send).</summary>
    public const string UnixMilliseconds = "unix-ms";

    /// <summary>Text: ISO 8601, or <c>yyyy-MM-dd HH:mm:ss</c> in the Chinese platforms' UTC+8; never a bare number.</summary>
    public const string Iso8601 = "iso8601";

    public static IReadOnlyList<string> All { get; } = [UnixSeconds, UnixMilliseconds, Iso8601];

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// A time given as text, as the service reads it: <c>yyyy-MM-dd HH:mm:ss</c> in UTC+8 (the Chinese platforms' exports),
    /// else ISO 8601 (UTC when it names no offset). False when it is neither; <paramref name="beforeCalendar"/> is true
    /// when it is a UTC+8 time before 0001-01-01 08:00:00, which no <see cref="DateTimeOffset"/> can hold. One rule for
    /// the webhook mapping and the CLI's import, so an import converts a time exactly as a webhook would read it.
    /// </summary>
    public static bool TryReadText(string text, out DateTimeOffset time, out bool beforeCalendar)
    {
        beforeCalendar = false;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            beforeCalendar = local < DateTime.MinValue + ChinaOffset;
            time = beforeCalendar ? default : new DateTimeOffset(local, ChinaOffset);
            return !beforeCalendar;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
