using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/exceptions</c>: the queue of held orders, optionally of one hold code; a hold is released on its order.</summary>
public sealed class ExceptionsClient(ApiConnection connection)
{
    /// <summary>A page in order id; pass <see cref="OrderListResponse.NextCursor"/> as <paramref name="cursor"/> for the next one (null at the end).</summary>
    public Task<OrderListResponse> ListAsync(string? code = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<OrderListResponse>(ApiConnection.Query("/api/exceptions", ("code", code), ("cursor", cursor), ("limit", limit)), cancellationToken);
}
