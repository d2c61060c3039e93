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
}
