using System.Globalization;
using System.Text.Json;

namespace OrderActors.Api.Errors;

/// <summary>A JSON string of a request held a character <see cref="TextRules"/> refuses; the serializer fills in <see cref="JsonException.Path"/>.</summary>
internal sealed class ForbiddenCharacterException : JsonException
{
    public ForbiddenCharacterException(char character)
        : base(string.Create(CultureInfo.InvariantCulture, $"The text contains the character U+{(int)character:X4}."))
    {
        Character = character;
    }

    public char Character { get; }
}
