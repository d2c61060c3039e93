namespace OrderActors.Client.Contracts;

/// <summary>An outbound webhook subscription (the secret is never shown again).</summary>
public sealed record SubscriptionView(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, long StartPosition);
