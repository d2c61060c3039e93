using System.Globalization;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;

namespace OrderActors.Api.Channels;

/// <summary>
/// Reads a mapped time in the unit its mapping declares (<see cref="TimeFormats"/>). A time the calendar cannot hold
/// (before 0001-01-01 UTC, after 9999-12-31 UTC) is a field error, never an exception: a webhook answered 500 is retried
/// for days.
/// </summary>
internal static class MappedTime
{
    private static readonly long MinUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();

    /// <summary>The last Unix second a <see cref="DateTimeOffset"/> can hold (9999-12-31T23:59:59Z).</summary>
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// The time <paramref name="text"/> stands for in <paramref name="format"/>; without a format, ISO 8601,
    /// <c>yyyy-MM-dd HH:mm:ss</c> (UTC+8) or Unix seconds, as mappings were read before they could say. Else null and an
    /// error on <paramref name="field"/>.
    /// </summary>
    public static DateTimeOffset? Read(string? text, string? format, string field, Validator validator)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        switch (format)
        {
            case TimeFormats.UnixSeconds:
                return ReadUnix(text, milliseconds: false, field, validator);
            case TimeFormats.UnixMilliseconds:
                return ReadUnix(text, milliseconds: true, field, validator);
            case TimeFormats.Iso8601 when IsWholeNumber(text):
                validator.Add(field, "is not a time: the mapping reads it as ISO 8601 text; for a number, set its format to unix-s or unix-ms");
                return null;
        }

        if (format is null && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            if (unix <= MaxUnixSeconds)
            {
                return DateTimeOffset.FromUnixTimeSeconds(unix);
            }

            validator.Add(field, $"is out of range: Unix seconds are at most {MaxUnixSeconds} (9999-12-31); for Unix milliseconds, set the mapping's format to unix-ms");
            return null;
        }

        if (TimeFormats.TryReadText(text, out var time, out var beforeCalendar))
        {
            return time;
        }

        if (beforeCalendar)
        {
            validator.Add(field, "is out of range: a UTC+8 time before 0001-01-01 08:00:00 is before the calendar starts");
            return null;
        }

        validator.Add(field, "is not a time");
        return null;
    }

    /// <summary>Checked before converting: past the calendar, or past a <see cref="long"/>, is out of range, not an overflow.</summary>
    private static DateTimeOffset? ReadUnix(string text, bool milliseconds, string field, Validator validator)
    {
        var unit = milliseconds ? "milliseconds" : "seconds";
        var (min, max) = milliseconds ? (MinUnixMilliseconds, MaxUnixMilliseconds) : (MinUnixSeconds, MaxUnixSeconds);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            validator.Add(field, IsWholeNumber(text)
                ? $"is out of range: Unix {unit} from {min} to {max} (0001-01-01 to 9999-12-31 UTC)"
                : $"is not a time: the mapping reads it as whole Unix {unit}");
            return null;
        }

        if (value < min || value > max)
        {
            validator.Add(field, $"is out of range: Unix {unit} from {min} to {max} (0001-01-01 to 9999-12-31 UTC)");
            return null;
        }

        return milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
    }

    private static bool IsWholeNumber(string text)
    {
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
