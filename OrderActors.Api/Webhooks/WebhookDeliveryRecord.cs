namespace OrderActors.Api.Webhooks;

/// <summary>A processed webhook delivery id (Shopify's <c>X-Shopify-Webhook-Id</c>), kept so a redelivery is answered without work.</summary>
public sealed record WebhookDeliveryRecord(string Channel, string DeliveryId, string OrderId, DateTimeOffset ReceivedAt);
