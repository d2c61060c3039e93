using System.Globalization;

namespace OrderActors.Cli;

/// <summary>Durations as operators type them: <c>90s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>, or <c>hh:mm:ss</c>.</summary>
public static class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        if (char.IsLetter(unit))
        {
            if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || double.IsInfinity(amount))
            {
                return false;
            }

            // Past TimeSpan's range (about 29,000 years) is not a duration: TimeSpan.FromDays would throw.
            var seconds = amount * unit switch { 'm' => 60, 'h' => 3_600, 'd' => 86_400, _ => 1 };
            if (seconds >= TimeSpan.MaxValue.TotalSeconds)
            {
                return false;
            }

            TimeSpan? parsed = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            value = parsed ?? default;
            return parsed is not null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    public static TimeSpan Parse(string text, string option) =>
        TryParse(text, out var value) ? value : throw new CliUsageException($"{option} '{text}' is not a duration; use e.g. 90s, 10m, 2h or 1d.");
}
