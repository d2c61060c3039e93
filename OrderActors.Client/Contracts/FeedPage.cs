namespace OrderActors.Client.Contracts;

/// <summary><c>GET /api/events?after=</c>: events after a position; ask again with <see cref="Next"/>.</summary>
public sealed record FeedPage(IReadOnlyList<FeedEventView> Events, long Next);
