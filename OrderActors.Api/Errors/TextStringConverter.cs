using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderActors.Api.Errors;

/// <summary>
/// Reads every JSON string of a request body and refuses one that breaks <see cref="TextRules"/>: a control character or
/// a bidirectional control, and in a string that is not free text (<see cref="FreeTextProperties"/>) also a line break or
/// tab. NUL was the first of these (SQLite and PostgreSQL text cannot store it, so a NUL that reached a grain failed its
/// write after stock had already moved for some commands). The refusal is a <see cref="ForbiddenCharacterException"/>
/// carrying the JSON path, answered as 400 naming the field.
/// </summary>
internal sealed class TextStringConverter : JsonConverter<string>
{
    /// <summary>Names, phones, codes, address parts, list entries: one line, no tab.</summary>
    public static readonly TextStringConverter SingleLine = new(lineBreaks: false);

    /// <summary>Notes, reasons, comments: may hold tabs and line breaks.</summary>
    public static readonly TextStringConverter FreeText = new(lineBreaks: true);

    private readonly bool _lineBreaks;

    private TextStringConverter(bool lineBreaks) => _lineBreaks = lineBreaks;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, not {reader.TokenType}.");
        }

        var value = reader.GetString()!;
        var bad = TextRules.IndexOfForbidden(value, _lineBreaks);
        return bad < 0 ? value : throw new ForbiddenCharacterException(value[bad]);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
