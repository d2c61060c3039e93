using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/events</c>: the change feed, read from a position.</summary>
public sealed class EventsClient(ApiConnection connection)
{
    public Task<FeedPage> ReadAsync(long after = 0, int? limit = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<FeedPage>(ApiConnection.Query("/api/events", ("after", after), ("limit", limit)), cancellationToken);
}
