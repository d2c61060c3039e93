namespace OrderActors.Api.Subscriptions;

/// <summary>A stored subscription. The secret is kept because every delivery is signed with it.</summary>
public sealed record SubscriptionRecord(string Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt, long StartPosition)
{
    /// <summary>Exact type, a prefix pattern such as <c>order.*</c>, or <c>*</c>.</summary>
    public bool Matches(string eventType) => Events.Any(pattern =>
        pattern == "*"
        || pattern == eventType
        || (pattern.EndsWith('*') && eventType.StartsWith(pattern[..^1], StringComparison.Ordinal)));
}
