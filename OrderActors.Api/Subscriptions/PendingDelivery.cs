namespace OrderActors.Api.Subscriptions;

/// <summary>The outbox's work list entry: a delivery still to be attempted, and when.</summary>
public sealed record PendingDelivery(string DeliveryId, DateTimeOffset NextAttemptAt);
