namespace OrderActors.Client.Contracts;

/// <summary>One outbound delivery of one event to one subscription, with its attempts.</summary>
public sealed record DeliveryView(
    string Id,
    string SubscriptionId,
    long Position,
    string EventType,
    string Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<DeliveryAttemptView> AttemptLog);
