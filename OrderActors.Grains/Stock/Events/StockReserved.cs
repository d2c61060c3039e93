using System.Text.Json.Serialization;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>
/// <paramref name="Quantity"/> more units reserved for an order that asked for <paramref name="Requested"/> in all (a top-up
/// of a short reservation adds to it). <paramref name="Presale"/> of them were beyond what was on hand: sold on the presale
/// allowance, waiting for goods (0 in events written before it was recorded; left out when 0, so a reservation from
/// stock, the hot path's event, is no larger than it was).
/// </summary>
[JournalEvent("stock.reserved")]
public sealed record StockReserved(string OrderId, int Quantity, int Requested, DateTimeOffset? ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Presale = 0);
