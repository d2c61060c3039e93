using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace OrderActors.Api.Errors;

/// <summary>
/// The request properties that hold free text, by JSON name: a buyer's note, the reason given for a cancellation, hold
/// release, return, split, merge or address change, an approver's comment. People write these in several lines, so they
/// keep tabs and line breaks; every other string of a request body is one line (<see cref="TextStringConverter"/>).
/// Chosen by name in one place rather than per contract, so a new request with a <c>reason</c> gets the same rule.
/// </summary>
internal static class FreeTextProperties
{
    private static readonly FrozenSet<string> Names = FrozenSet.Create(StringComparer.Ordinal, "buyerNote", "reason", "comment");

    /// <summary>A type-info modifier: reads the free-text properties of <paramref name="type"/> with <see cref="TextStringConverter.FreeText"/>.</summary>
    public static void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string) && Names.Contains(property.Name))
            {
                property.CustomConverter = TextStringConverter.FreeText;
            }
        }
    }
}
