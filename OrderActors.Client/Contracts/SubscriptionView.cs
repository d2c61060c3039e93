namespace OrderActors.Client.Contracts;

/// <summary>
/// An outbound webhook subscription (the secret is never shown again), with how its deliveries stand: how many wait to
/// be sent or retried, how many were given up after every attempt failed, and the last one given up.
/// </summary>
public sealed record SubscriptionView(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, long StartPosition)
{
    public int Pending { get; init; }

    public int Failed { get; init; }

    public SubscriptionFailureView? LastFailure { get; init; }
}

/// <summary>The last delivery a subscription gave up on: which, when, and the last attempt's answer.</summary>
public sealed record SubscriptionFailureView(string DeliveryId, string EventType, DateTimeOffset At, string Error);
