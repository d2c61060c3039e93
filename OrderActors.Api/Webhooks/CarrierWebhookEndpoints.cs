using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrderActors.Api.Channels;
using OrderActors.Api.Errors;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Webhooks;

/// <summary>
/// <c>POST /webhooks/carriers/{carrier}</c>: carrier tracking callbacks, verified like channel webhooks
/// (<c>X-OrderActors-Signature: sha256=…</c> with <c>OrderActors:Carriers:{carrier}:Secret</c>, fail closed), then added to
/// the order found by id or by waybill number when it shipped with this carrier (compared as <see cref="CarrierNames.Same"/>
/// does; another carrier's order is 409 <c>order.carrier_mismatch</c>). A <c>delivered</c> scan on a shipped order marks it
/// delivered.
/// </summary>
public static class CarrierWebhookEndpoints
{
    /// <summary>The order index entry for waybill lookups (written by the order grain once shipped).</summary>
    public const string WaybillIndex = OrderIndex.Waybill;

    /// <summary>
    /// Scans one callback may carry. A carrier pushes the few new scans of a waybill (a whole route is a few dozen); each
    /// scan is one append, so a body of tens of thousands would hold the request for minutes, past the carrier's timeout,
    /// and its retry would add the scans without a time again.
    /// </summary>
    private const int MaxEventsPerCallback = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteHandlerBuilder MapCarrierWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/carriers/{carrier}", ReceiveAsync).WithTags("Webhooks").AllowAnonymous().DisableAntiforgery();

    private static async Task<Results<Ok<CarrierCallbackAccepted>, ProblemHttpResult>> ReceiveAsync(
        string carrier,
        HttpRequest request,
        IConfiguration configuration,
        IOptions<ApiOptions> options,
        IGrainFactory grains,
        IGrainStorage storage,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var body = await RawBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(Problems.TooLarge());
        }

        var secret = ChannelMappingValidator.IsValidChannelName(carrier) ? configuration[$"OrderActors:Carriers:{carrier}:Secret"] : null;
        if (string.IsNullOrEmpty(secret) || !WebhookSignatures.VerifyHex(body, secret, request.Headers[WebhookSignatures.Header].ToString()))
        {
            return WebhookEndpoints.Unauthorized();
        }

        var callback = CleanTexts(JsonSerializer.Deserialize<CarrierCallback>(body, Json));
        var events = Validate(callback);
        // A blank orderId is an absent one: carriers' callback templates send "" or padding for a field they do not have,
        // and the waybill, their own key, is what they always have.
        var orderId = string.IsNullOrWhiteSpace(callback!.OrderId)
            ? await FindByWaybillAsync(storage, callback.WaybillNo!.Trim(), cancellationToken)
            : callback.OrderId.Trim();
        var order = grains.GetGrain<IOrderGrain>(orderId);
        var actor = $"carrier:{carrier}";
        OrderView view = await order.GetAsync();
        // Here too, though each scan is checked by the order: a callback whose scans were all redeliveries was a 200.
        CarrierNames.EnsureShippedWith(view.Id, view.Carrier, view.WaybillNo, carrier);
        foreach (var scan in events.OrderBy(e => e.At))
        {
            // A scan without its time is stamped on receipt, so the order cannot tell a carrier's redelivery of it
            // from a new scan by the time: one the order already has (same status and description) is that redelivery.
            if (scan.At is null && view.Tracking.Any(t => t.Status == scan.Status!.Trim() && t.Description == scan.Description))
            {
                continue;
            }

            view = await order.AddTrackingEventAsync(new AddTrackingEvent(scan.Status!.Trim(), scan.Description, scan.At ?? time.GetUtcNow(), actor, carrier));
            if (scan.Status.Trim().Equals("delivered", StringComparison.OrdinalIgnoreCase) && view.Status == OrderStatus.Shipped)
            {
                view = await order.DeliverAsync(new DeliverOrder(actor, scan.At));
            }
        }

        return TypedResults.Ok(new CarrierCallbackAccepted(view.Id, view.Status.ToString(), view.Tracking.Count));
    }

    /// <summary>
    /// The scans' status and description cleaned as a channel's text is (<see cref="TextRules.Clean"/>): a control character
    /// becomes a space, a bidirectional control goes. They were stored as sent, for the order page, the customer's tracking
    /// page and outbound webhooks to show, and a NUL was refused by the order after the scans before it were stored. Cleaned,
    /// not refused: the carrier retries a refusal for days, with nothing anyone at the seller can change. The same callback
    /// when there is nothing to clean, which is nearly always.
    /// </summary>
    private static CarrierCallback? CleanTexts(CarrierCallback? callback)
    {
        if (callback?.Events is not { } events || !events.Any(e => HasForbidden(e?.Status) || HasForbidden(e?.Description)))
        {
            return callback;
        }

        return callback with
        {
            Events = [.. events.Select(e => e is null ? null! : e with { Status = Clean(e.Status), Description = Clean(e.Description) })],
        };

        static bool HasForbidden(string? text) => text is not null && TextRules.IndexOfForbidden(text, lineBreaks: false) >= 0;

        static string? Clean(string? text) => text is null ? null : TextRules.Clean(text, lineBreaks: false);
    }

    private static IReadOnlyList<CarrierEventInput> Validate(CarrierCallback? callback)
    {
        var validator = new Validator();
        if (callback is null)
        {
            validator.Add("body", "is required");
            validator.ThrowIfInvalid();
        }

        if (string.IsNullOrWhiteSpace(callback!.OrderId) && string.IsNullOrWhiteSpace(callback.WaybillNo))
        {
            validator.Add("orderId", "orderId or waybillNo is required");
        }

        // No order key or waybill holds a control character, and storage refuses NUL in keys and index values: such a
        // callback was a 500 the carrier retried.
        validator.PlainCode(callback.OrderId, "orderId");
        validator.PlainCode(callback.WaybillNo, "waybillNo");

        if (callback.Events is null || callback.Events.Count == 0)
        {
            validator.Add("events", "at least one event is required");
        }
        else if (callback.Events.Count > MaxEventsPerCallback)
        {
            validator.Add("events", $"at most {MaxEventsPerCallback} events per callback");
        }
        else
        {
            for (var i = 0; i < callback.Events.Count; i++)
            {
                validator.Required(callback.Events[i]?.Status, $"events[{i}].status", 50);
                if (callback.Events[i]?.Description is { Length: > OrderValidation.MaxTrackingDescription })
                {
                    // Checked here, before the first scan is added: the order refuses it too, but only after the
                    // scans before it in the callback were stored, and a 400 is not retried.
                    validator.Add($"events[{i}].description", $"at most {OrderValidation.MaxTrackingDescription} characters");
                }
            }
        }

        validator.ThrowIfInvalid();
        return callback.Events!;
    }

    private static async Task<string> FindByWaybillAsync(IGrainStorage storage, string waybillNo, CancellationToken cancellationToken)
    {
        var orders = await Waybills.OrdersWithAsync(storage, waybillNo, 2, cancellationToken);
        return orders.Count == 1
            ? orders[0]
            : throw DomainException.NotFound(OrderErrors.NotFound, $"No single order has waybill {waybillNo}; send orderId.");
    }
}
