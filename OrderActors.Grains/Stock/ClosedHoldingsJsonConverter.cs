using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderActors.Grains.Stock;

/// <summary>Reads and writes <see cref="ClosedHoldings"/> as a JSON array of <see cref="ClosedHolding"/>, oldest first.</summary>
public sealed class ClosedHoldingsJsonConverter : JsonConverter<ClosedHoldings>
{
    public override ClosedHoldings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Closed holdings must be a JSON array, not {reader.TokenType}.");
        }

        var closed = new ClosedHoldings();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var holding = JsonSerializer.Deserialize<ClosedHolding>(ref reader, options)
                          ?? throw new JsonException("A closed holding must not be null.");
            closed.Add(holding.OrderId, holding.Status, holding.Quantity, holding.Warehouse);
        }

        return closed;
    }

    public override void Write(Utf8JsonWriter writer, ClosedHoldings value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var holding in value.OldestFirst())
        {
            JsonSerializer.Serialize(writer, holding, options);
        }

        writer.WriteEndArray();
    }
}
