using System.Text.Json;

namespace OrderActors.Grains.Stock.Json;

/// <summary>Helpers of the hand-written JSON converters of the stock state: finding which field the reader is on.</summary>
internal static class JsonFields
{
    /// <summary>
    /// The index in <paramref name="names"/> of the property name the reader is on (camelCase as written, or any case as
    /// the serializer's web defaults read it), or -1 for a property the type does not have.
    /// </summary>
    public static int IndexOf(ref Utf8JsonReader reader, JsonEncodedText[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i].EncodedUtf8Bytes))
            {
                return i;
            }
        }

        var name = reader.GetString();
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(name, names[i].Value, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Checks that a converter starts on an object.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{what} must be a JSON object, not {reader.TokenType}.");
        }
    }

    public static string? NullableString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
}
