namespace OrderActors.Runtime.Storage.Sql;

/// <summary>
/// Times in storage: UTC with microsecond precision in every provider (PostgreSQL's <c>timestamptz</c> precision),
/// so a value reads back equal whichever provider stored it. SQLite keeps them as unix microseconds (INTEGER), which
/// sort and compare as numbers.
/// </summary>
internal static class StorageTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Unix microseconds (UTC) of <paramref name="value"/>, sub-microsecond ticks dropped.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    /// <summary>The UTC time of unix microseconds.</summary>
    public static DateTimeOffset FromUnixMicroseconds(long value) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (value * TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary><paramref name="value"/> in UTC, truncated to whole microseconds.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) => FromUnixMicroseconds(ToUnixMicroseconds(value));

    /// <summary>A period in microseconds.</summary>
    public static long? ToMicroseconds(TimeSpan? period) => period is { } p ? p.Ticks / TicksPerMicrosecond : null;

    /// <summary>A period from microseconds.</summary>
    public static TimeSpan? FromMicroseconds(long? value) => value is { } v ? TimeSpan.FromTicks(v * TicksPerMicrosecond) : null;
}
