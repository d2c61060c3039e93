using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderActors.Grains.Stock.Json;

/// <summary>
/// Writes and reads an open holding in a SKU snapshot field by field, in the shape the serializer's defaults gave it
/// (camelCase names; <c>expiresAt</c>, <c>warehouse</c> and <c>transfersFrom</c> left out when null, <c>confirmed</c>
/// when false, <c>presale</c> and <c>presaleSeq</c> when 0). A hot SKU's snapshot holds every open holding and is written on the grain's turn: 100,000 holdings
/// took 55–80 ms through the serializer's metadata and take 36–39 ms this way.
/// </summary>
public sealed class StockHoldingEntryJsonConverter : JsonConverter<StockHoldingEntry>
{
    private static readonly JsonEncodedText OrderId = JsonEncodedText.Encode("orderId");
    private static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText Requested = JsonEncodedText.Encode("requested");
    private static readonly JsonEncodedText ExpiresAt = JsonEncodedText.Encode("expiresAt");
    private static readonly JsonEncodedText Confirmed = JsonEncodedText.Encode("confirmed");
    private static readonly JsonEncodedText Warehouse = JsonEncodedText.Encode("warehouse");
    private static readonly JsonEncodedText TransfersFrom = JsonEncodedText.Encode("transfersFrom");
    private static readonly JsonEncodedText Presale = JsonEncodedText.Encode("presale");
    private static readonly JsonEncodedText PresaleSeq = JsonEncodedText.Encode("presaleSeq");
    private static readonly JsonEncodedText[] Names = [OrderId, Quantity, Requested, ExpiresAt, Confirmed, Warehouse, TransfersFrom, Presale, PresaleSeq];

    public override StockHoldingEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonFields.ExpectObject(ref reader, "An open holding");

        string? orderId = null;
        int quantity = 0, requested = 0;
        DateTimeOffset? expiresAt = null;
        var confirmed = false;
        string? warehouse = null;
        List<string>? transfersFrom = null;
        var presale = 0;
        var presaleSeq = 0L;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = JsonFields.IndexOf(ref reader, Names) + 1;
            reader.Read();
            switch (property)
            {
                case 1:
                    orderId = reader.GetString();
                    break;
                case 2:
                    quantity = reader.GetInt32();
                    break;
                case 3:
                    requested = reader.GetInt32();
                    break;
                case 4:
                    expiresAt = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
                    break;
                case 5:
                    confirmed = reader.GetBoolean();
                    break;
                case 6:
                    warehouse = JsonFields.NullableString(ref reader);
                    break;
                case 7:
                    transfersFrom = JsonSerializer.Deserialize<List<string>>(ref reader, options);
                    break;
                case 8:
                    presale = reader.GetInt32();
                    break;
                case 9:
                    presaleSeq = reader.GetInt64();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new StockHoldingEntry
        {
            OrderId = orderId ?? throw new JsonException("An open holding needs its orderId."),
            Quantity = quantity,
            Requested = requested,
            ExpiresAt = expiresAt,
            Confirmed = confirmed,
            Warehouse = warehouse,
            TransfersFrom = transfersFrom,
            Presale = presale,
            PresaleSeq = presaleSeq,
        };
    }

    public override void Write(Utf8JsonWriter writer, StockHoldingEntry value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(OrderId, value.OrderId);
        writer.WriteNumber(Quantity, value.Quantity);
        writer.WriteNumber(Requested, value.Requested);
        if (value.ExpiresAt is { } expiresAt)
        {
            writer.WriteString(ExpiresAt, expiresAt);
        }

        if (value.Confirmed)
        {
            writer.WriteBoolean(Confirmed, true);
        }

        if (value.Warehouse is { } warehouse)
        {
            writer.WriteString(Warehouse, warehouse);
        }

        if (value.TransfersFrom is { } transfersFrom)
        {
            writer.WriteStartArray(TransfersFrom);
            foreach (var from in transfersFrom)
            {
                writer.WriteStringValue(from);
            }

            writer.WriteEndArray();
        }

        if (value.Presale != 0)
        {
            writer.WriteNumber(Presale, value.Presale);
        }

        if (value.PresaleSeq != 0)
        {
            writer.WriteNumber(PresaleSeq, value.PresaleSeq);
        }

        writer.WriteEndObject();
    }
}
