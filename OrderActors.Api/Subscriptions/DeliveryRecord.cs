using OrderActors.Client.Contracts;

namespace OrderActors.Api.Subscriptions;

/// <summary>One event for one subscriber in the outbox: the exact payload to send, and every attempt so far.</summary>
public sealed record DeliveryRecord(
    string Id,
    string SubscriptionId,
    long Position,
    string EventType,
    string Payload,
    string Status,
    IReadOnlyList<DeliveryAttemptView> Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt)
{
    public DeliveryView ToView() =>
        new(Id, SubscriptionId, Position, EventType, Status, Attempts.Count, NextAttemptAt, DeliveredAt, Attempts);
}
