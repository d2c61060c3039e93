using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderActors.Api.Errors;

/// <summary>
/// Reads every JSON string of a request body and refuses one that holds U+0000: SQLite and PostgreSQL text cannot
/// store it, so a NUL that reached a grain failed its write, after stock had already moved for some commands. The
/// refusal is a <see cref="NulCharacterException"/> carrying the JSON path, answered as 400 naming the field.
/// </summary>
internal sealed class NulRejectingStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, not {reader.TokenType}.");
        }

        var value = reader.GetString()!;
        return value.Contains('\0', StringComparison.Ordinal) ? throw new NulCharacterException() : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string of a request held U+0000 (NUL); the serializer fills in <see cref="JsonException.Path"/>.</summary>
internal sealed class NulCharacterException : JsonException
{
    public NulCharacterException()
        : base("The text contains the character U+0000 (NUL).")
    {
    }
}
