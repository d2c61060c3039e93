using System.Collections.Concurrent;
using System.Text.Json;

namespace OrderActors.Api.Channels;

/// <summary>
/// The small path language of channel mappings: property names separated by dots, each optionally followed by an
/// array index (<c>shipping_address.name</c>, <c>post_addr.province.name</c>, <c>line_items[0].sku</c>).
/// </summary>
public static class JsonPath
{
    /// <summary>Parsed paths kept at most (then the cache starts again): the mappings' own paths, a few dozen per channel.</summary>
    private const int MaxCached = 4096;

    /// <summary>
    /// Each path parsed once: every webhook resolves a few dozen mapping paths, and split and checked them all again
    /// (a string array, a substring and a character check per step) on every request.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Step[]?> Parsed = new(StringComparer.Ordinal);

    private static int _cached;

    public static bool IsValid(string? path) => !string.IsNullOrWhiteSpace(path) && path.Length <= 200 && Parse(path) is not null;

    /// <summary>The element at <paramref name="path"/>, or false when any step is missing or null (or the path is not valid).</summary>
    public static bool TryResolve(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        if (StepsOf(path) is not { } steps)
        {
            return false;
        }

        foreach (var (name, index) in steps)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return false;
            }

            if (index is { } i)
            {
                if (value.ValueKind != JsonValueKind.Array || i >= value.GetArrayLength())
                {
                    return false;
                }

                value = value[i];
            }
        }

        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    private static Step[]? StepsOf(string path)
    {
        if (Parsed.TryGetValue(path, out var steps))
        {
            return steps;
        }

        steps = Parse(path);
        // Counted here, not by the dictionary's Count (which takes every lock). Full means paths of mappings edited
        // since: start again, rather than parse each new path on every use.
        if (Parsed.TryAdd(path, steps) && Interlocked.Increment(ref _cached) > MaxCached)
        {
            Parsed.Clear();
            Interlocked.Exchange(ref _cached, 0);
        }

        return steps;
    }

    private static Step[]? Parse(string path)
    {
        var segments = path.Split('.');
        var steps = new Step[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            if (!TryParseSegment(segments[i], out var name, out var index))
            {
                return null;
            }

            steps[i] = new Step(name, index);
        }

        return steps;
    }

    private static bool TryParseSegment(string segment, out string name, out int? index)
    {
        name = segment;
        index = null;
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!segment.EndsWith(']') || !int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), out var i) || i < 0)
            {
                return false;
            }

            name = segment[..open];
            index = i;
        }

        return name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '$');
    }

    private readonly record struct Step(string Name, int? Index);
}
