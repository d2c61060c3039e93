using OrderActors.Client.Contracts;

namespace OrderActors.Api.Subscriptions;

/// <summary>A subscription's deliveries given up after every attempt failed: how many, and the last one.</summary>
public sealed record SubscriptionHealth(int Failed, SubscriptionFailureView? LastFailure);
