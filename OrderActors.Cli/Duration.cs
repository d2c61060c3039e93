using OrderActors.Client.Contracts;

namespace OrderActors.Cli;

/// <summary>An option's duration, read as the API reads one (<see cref="Durations"/>); a usage error otherwise.</summary>
public static class Duration
{
    /// <summary>The longest an option takes unless it says otherwise: the API's longest reminder window.</summary>
    public static readonly TimeSpan DefaultMax = TimeSpan.FromDays(3650);

    public static TimeSpan Parse(string text, string option, TimeSpan? max = null)
    {
        var longest = max ?? DefaultMax;
        if (Durations.TryParse(text, longest, out var value, out var tooLong))
        {
            return value;
        }

        throw new CliUsageException(tooLong
            ? $"{option} '{text}' is too long; at most {Describe(longest)}."
            : Durations.IsBareNumber(text)
                ? $"{option} '{text}' {Durations.BareNumberProblem}."
                : $"{option} '{text}' is not a duration; use e.g. {Durations.Examples}.");
    }

    private static string Describe(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.TotalDays:0}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.TotalHours:0}h"
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{span.TotalMinutes:0}m"
        : $"{span.TotalSeconds:0.###}s";
}
