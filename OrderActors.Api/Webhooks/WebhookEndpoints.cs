using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrderActors.Api.Channels;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Webhooks;

/// <summary>
/// <c>POST /webhooks/{channel}</c>: the raw body is verified against the channel's secret before anything else (fail closed:
/// no secret, no header or a wrong one is 401 and nothing is read further), then mapped with the channel's mapping, validated,
/// and handed to the order grain, which is idempotent on <c>{channel}-{external no}</c>.
/// </summary>
public static class WebhookEndpoints
{
    public const string DeliveriesCollection = "webhook-deliveries";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks").WithTags("Webhooks").AllowAnonymous().DisableAntiforgery();
        webhooks.MapPost("/{channel}", ReceiveOrderAsync);
        return webhooks;
    }

    internal static async Task<Results<Ok<WebhookAccepted>, ProblemHttpResult>> ReceiveOrderAsync(
        string channel,
        HttpRequest request,
        IConfiguration configuration,
        IOptions<ApiOptions> options,
        ChannelMappingStore mappings,
        IOrderIntake intake,
        IDocumentStore documents,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var body = await RawBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(Problems.TooLarge());
        }

        if (!ChannelMappingValidator.IsValidChannelName(channel) || !Verify(channel, body, request.Headers, configuration))
        {
            return Unauthorized();
        }

        var deliveryId = DeliveryId(channel, request.Headers);
        if (deliveryId is not null && await documents.GetDocumentAsync(DeliveriesCollection, deliveryId, cancellationToken) is { } seen)
        {
            var record = JsonSerializer.Deserialize<WebhookDeliveryRecord>(seen.Data, Json)!;
            return TypedResults.Ok(new WebhookAccepted(record.OrderId, Duplicate: true));
        }

        var mapping = await mappings.GetForWebhookAsync(channel, cancellationToken);
        if (mapping is null)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status404NotFound, "channel.unknown", "Unknown channel", $"No mapping is configured for channel '{channel}'."));
        }

        using var payload = JsonDocument.Parse(body);
        var order = ChannelMappingEngine.Map(channel, payload.RootElement, mapping);
        var result = await intake.AcceptAsync(order, $"channel:{channel}", cancellationToken);
        if (deliveryId is not null)
        {
            // Recorded after the grain accepted the order: a crash in between means a redelivery is processed again, which the grain absorbs.
            var record = new WebhookDeliveryRecord(channel, deliveryId, result.OrderId, time.GetUtcNow());
            await documents.TryPutDocumentAsync(DeliveriesCollection, deliveryId, JsonSerializer.Serialize(record, Json), 0, cancellationToken);
        }

        return TypedResults.Ok(new WebhookAccepted(result.OrderId, Duplicate: !result.Changed));
    }

    internal static bool Verify(string channel, byte[] body, IHeaderDictionary headers, IConfiguration configuration)
    {
        var secret = configuration[$"OrderActors:Channels:{channel}:Secret"];
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        return channel == "shopify"
            ? WebhookSignatures.VerifyBase64(body, secret, headers[WebhookSignatures.ShopifyHeader].ToString())
            : WebhookSignatures.VerifyHex(body, secret, headers[WebhookSignatures.Header].ToString());
    }

    internal static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(Problems.Create(StatusCodes.Status401Unauthorized, "webhook.signature_invalid", "Unauthorized", "The webhook signature is missing or does not match."));

    private static string? DeliveryId(string channel, IHeaderDictionary headers)
    {
        var id = channel == "shopify" ? headers[WebhookSignatures.ShopifyWebhookIdHeader].ToString() : headers[WebhookSignatures.DeliveryHeader].ToString();
        return string.IsNullOrWhiteSpace(id) || id.Length > 128 ? null : $"{channel}:{id}";
    }
}
