using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrderActors.Client.Contracts;

namespace OrderActors.Api.Rules;

/// <summary>
/// A duration of a rule section (an SLA stage, the duplicate and high-frequency windows): a TimeSpan as before
/// (<c>00:30:00</c>, <c>1.00:00:00</c>, what the section's GET answers), or a number with a unit as the API's query
/// parameters take it (<c>30m</c>, <c>2h</c>, <c>1d</c>). A bare number is refused (<see cref="BareDurationException"/>):
/// the serializer read <c>"10"</c> as ten days, which for a payment-check SLA meant ten minutes to whoever typed it.
/// </summary>
internal sealed class RuleDurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            throw new BareDurationException();
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("A duration is a string.");
        if (Durations.IsBareNumber(text))
        {
            throw new BareDurationException();
        }

        if (text!.Length > 0 && char.IsAsciiLetter(text.Trim()[^1]))
        {
            return Durations.TryParse(text, TimeSpan.MaxValue, out var value, out _) ? value : throw new JsonException("Not a duration.");
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : throw new JsonException("Not a duration.");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));
    }
}
