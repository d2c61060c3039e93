using System.Collections.Concurrent;
using System.Text.Json;

namespace OrderActors.Api.Channels;

/// <summary>
/// The small path language of channel mappings: property names separated by dots, each optionally followed by an
/// array index (<c>shipping_address.name</c>, <c>post_addr.province.name</c>, <c>line_items[0].sku</c>). A list field
/// (promotions, tags) may use <c>[*]</c> once, for every element (<c>discount_codes[*].code</c>): see <see cref="ResolveAll"/>.
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

    /// <summary>The index of a <c>[*]</c> step.</summary>
    private const int Every = -1;

    /// <summary>A valid path; with <paramref name="allowEvery"/>, one <c>[*]</c> step is allowed (list fields only).</summary>
    public static bool IsValid(string? path, bool allowEvery = false) =>
        !string.IsNullOrWhiteSpace(path) && path.Length <= 200 && Parse(path) is { } steps
        && steps.Count(s => s.Index == Every) <= (allowEvery ? 1 : 0);

    /// <summary>
    /// Every value a list field's path names, in order, added to <paramref name="values"/>: through a <c>[*]</c> step
    /// each element's value (elements where the rest of the path is missing or null are skipped); without one, the
    /// value itself, or each element when the value is an array.
    /// </summary>
    public static void ResolveAll(JsonElement root, string path, List<JsonElement> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (StepsOf(path) is { } steps)
        {
            Collect(root, steps, 0, values);
        }
    }

    private static void Collect(JsonElement value, Step[] steps, int from, List<JsonElement> values)
    {
        for (var s = from; s < steps.Length; s++)
        {
            var (name, index) = steps[s];
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return;
            }

            if (index == Every)
            {
                if (value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var element in value.EnumerateArray())
                    {
                        Collect(element, steps, s + 1, values);
                    }
                }

                return;
            }

            if (index is { } i)
            {
                if (value.ValueKind != JsonValueKind.Array || i >= value.GetArrayLength())
                {
                    return;
                }

                value = value[i];
            }
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            values.AddRange(value.EnumerateArray());
        }
        else if (value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            values.Add(value);
        }
    }

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
                // [*] names several values: only ResolveAll reads it.
                if (i == Every || value.ValueKind != JsonValueKind.Array || i >= value.GetArrayLength())
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
            if (!segment.EndsWith(']'))
            {
                return false;
            }

            var inside = segment.AsSpan(open + 1, segment.Length - open - 2);
            if (inside is "*")
            {
                index = Every;
            }
            else if (int.TryParse(inside, out var i) && i >= 0)
            {
                index = i;
            }
            else
            {
                return false;
            }

            name = segment[..open];
        }

        return name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '$');
    }

    private readonly record struct Step(string Name, int? Index);
}
