using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Orders;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Tracking;

/// <summary>
/// <c>GET /api/track?orderNo=&amp;phone=</c>, without an API key: when the phone owns the order, that customer's orders across
/// channels as timelines, PII masked. A wrong phone, an unknown order or bad input all get the same empty answer, so a
/// guess learns nothing; the endpoint is rate-limited per client address.
/// </summary>
public static class TrackingEndpoints
{
    private const int MaxOrders = 20;

    public static RouteHandlerBuilder MapTracking(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/track", TrackAsync)
            .WithTags("Tracking")
            .AllowAnonymous()
            .RequireRateLimiting(OrderActorsApiExtensions.TrackingRateLimitPolicy);

    private static async Task<Ok<TrackingResponse>> TrackAsync(IGrainStorage storage, IGrainFactory grains, CancellationToken cancellationToken, string? orderNo = null, string? phone = null)
    {
        var nothing = TypedResults.Ok(new TrackingResponse([]));
        if (string.IsNullOrWhiteSpace(orderNo) || orderNo.Length > 100 || !PhoneNumbers.TryNormalize(phone, out var normalized))
        {
            return nothing;
        }

        var rows = await storage.QueryIndexAsync(
            new IndexQuery(OrderIndex.GrainType, [new IndexFilter(OrderIndex.Phone, IndexOperator.Equal, normalized)]) { Limit = 200 },
            cancellationToken);
        var wanted = orderNo.Trim();
        var owns = rows.Any(r => r.GrainKey == wanted || r.GrainKey.EndsWith("-" + wanted, StringComparison.Ordinal));
        if (!owns)
        {
            return nothing;
        }

        var recent = rows
            .OrderByDescending(r => r.Entries.GetValueOrDefault(OrderIndex.PlacedAt), StringComparer.Ordinal)
            .Take(MaxOrders);
        var orders = new List<TrackedOrderDto>();
        foreach (var row in recent)
        {
            var view = await grains.GetGrain<IOrderGrain>(row.GrainKey).GetAsync();
            orders.Add(ToTracked(view));
        }

        return TypedResults.Ok(new TrackingResponse(orders));
    }

    private static TrackedOrderDto ToTracked(OrderView view)
    {
        var timeline = new List<TimelineEntryDto> { new(view.PlacedAt, "placed", null) };
        Add(timeline, view.PaidAt, "paid", null);
        Add(timeline, view.PackedAt, "packed", null);
        Add(timeline, view.ShippedAt, "shipped", view.Carrier);
        timeline.AddRange(view.Tracking.Select(t => new TimelineEntryDto(t.At, "carrier:" + t.Status, t.Description)));
        Add(timeline, view.DeliveredAt, "delivered", null);
        Add(timeline, view.CompletedAt, "completed", null);
        Add(timeline, view.CancelledAt, "cancelled", null);
        return new TrackedOrderDto(
            view.ExternalOrderNo,
            view.Channel,
            view.Status.ToString(),
            view.Carrier,
            view.WaybillNo,
            Masking.Name(view.Customer.Name),
            Masking.Phone(view.Customer.Phone),
            view.Address.City,
            timeline.OrderBy(t => t.At).ToList());
    }

    private static void Add(List<TimelineEntryDto> timeline, DateTimeOffset? at, string name, string? description)
    {
        if (at is { } time)
        {
            timeline.Add(new TimelineEntryDto(time, name, description));
        }
    }
}
