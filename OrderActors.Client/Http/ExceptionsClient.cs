using System.Text.Json;

namespace OrderActors.Client.Http;

/// <summary><c>/api/exceptions</c>: the queue of held orders, by hold code; a hold is released on its order.</summary>
public sealed class ExceptionsClient(ApiConnection connection)
{
    public Task<JsonElement> ListAsync(string? code = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<JsonElement>(ApiConnection.Query("/api/exceptions", ("code", code)), cancellationToken);
}
