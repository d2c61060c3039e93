using System.Globalization;

namespace OrderActors.Bench.Load;

/// <summary>Reads <c>GET /api/events?after=&amp;type=order.placed,order.cancelled</c> to its end, collecting order placements and cancellations.</summary>
public static class FeedReader
{
    public static async Task ReadToEndAsync(LoadClient client, HoldExpiry into, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (status, page) = await client.GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"/api/events?after={into.Position}&limit=1000&type=order.placed,order.cancelled"), cancellationToken);
            if (status != 200)
            {
                throw new InvalidOperationException($"GET /api/events answered {status}.");
            }

            var events = page.GetProperty("events");
            foreach (var e in events.EnumerateArray())
            {
                into.EventsRead++;
                var type = e.GetProperty("eventType").GetString();
                if (e.GetProperty("grainType").GetString() != "order")
                {
                    continue;
                }

                var key = e.GetProperty("grainKey").GetString()!;
                var at = e.GetProperty("timestamp").GetDateTimeOffset();
                if (type == "order.placed")
                {
                    var data = e.GetProperty("data");
                    DateTimeOffset? due = data.TryGetProperty("paymentDueAt", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.String ? d.GetDateTimeOffset() : null;
                    into.Placed(key, at, due);
                }
                else if (type == "order.cancelled")
                {
                    into.Cancel(key, at);
                }
            }

            into.Position = page.GetProperty("next").GetInt64();
            if (events.GetArrayLength() < 1000)
            {
                return;
            }
        }
    }
}
