using System.Globalization;

namespace OrderActors.Client.Contracts;

/// <summary>
/// Durations as people type them: a number (fractions allowed) and a unit, <c>90s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>,
/// or a TimeSpan such as <c>00:10:00</c>. One reading for the API's query parameters and the CLI's options, so an
/// operator's <c>--due-within 2h</c> and a client's <c>?dueWithin=2h</c> mean the same. A bare number (<c>10</c>) is not
/// a duration (<see cref="IsBareNumber"/>): a TimeSpan reads it as days, where whoever typed it for a payment hold or a
/// window meant minutes as often as days.
/// </summary>
public static class Durations
{
    /// <summary>Examples for an error message.</summary>
    public const string Examples = "90s, 10m, 2h, 1d or 00:10:00";

    /// <summary>What to say about a bare number.</summary>
    public const string BareNumberProblem = "is a number without a unit; write 30m, 2h or 1d (or 00:30:00)";

    /// <summary>A number with no unit (<c>10</c>, <c>1.5</c>): refused rather than read as days, as a TimeSpan would.</summary>
    public static bool IsBareNumber(string? text) =>
        !string.IsNullOrWhiteSpace(text) && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// True when <paramref name="text"/> is a duration of at most <paramref name="max"/>. <paramref name="tooLong"/> is
    /// true when it is a duration past <paramref name="max"/>: the bound is compared on the number, in its unit, before
    /// a TimeSpan is made, so <c>99999999d</c> or <c>Infinityd</c> is too long rather than an overflow.
    /// </summary>
    public static bool TryParse(string? text, TimeSpan max, out TimeSpan value, out bool tooLong)
    {
        value = default;
        tooLong = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (UnitLength(text[^1]) is { } unit)
        {
            if (!double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                || double.IsNaN(amount) || amount < 0)
            {
                return false;
            }

            if (!(amount <= max / unit))
            {
                tooLong = true;
                return false;
            }

            value = TimeSpan.FromTicks((long)(amount * unit.Ticks));
            return true;
        }

        if (IsBareNumber(text) || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) || parsed < TimeSpan.Zero)
        {
            return false;
        }

        tooLong = parsed > max;
        value = tooLong ? default : parsed;
        return !tooLong;
    }

    private static TimeSpan? UnitLength(char unit) => char.ToLowerInvariant(unit) switch
    {
        's' => TimeSpan.FromSeconds(1),
        'm' => TimeSpan.FromMinutes(1),
        'h' => TimeSpan.FromHours(1),
        'd' => TimeSpan.FromDays(1),
        _ => null,
    };
}
