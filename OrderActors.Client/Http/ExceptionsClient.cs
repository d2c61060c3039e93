using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/exceptions</c>: the queue of held orders, optionally of one hold code; a hold is released on its order.</summary>
public sealed class ExceptionsClient(ApiConnection connection)
{
    public Task<OrderListResponse> ListAsync(string? code = null, int? limit = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<OrderListResponse>(ApiConnection.Query("/api/exceptions", ("code", code), ("limit", limit)), cancellationToken);
}
